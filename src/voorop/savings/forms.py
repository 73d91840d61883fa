"""Forms of budget dialogues: the plan (a choice and an optional reason per option), the
letter code, table plans, codes for letters and the college's answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from voorop.core.areas.forms import AreaChoiceField
from voorop.core.areas.models import Area
from voorop.core.forms import forms_in, limit_texts
from voorop.core.money import format_euros
from voorop.savings.models import AgeBand, BudgetTable, Dialogue, SavingsOption
from voorop.savings.services import DIALOGUE_FIELDS


def level_label(option: SavingsOption, level: int) -> str:
    """What a level means, in plain words: "2 steps less: € 60.000 less. Library …"."""
    if level == 0:
        return _gettext("No change")
    steps = abs(level)
    amount = format_euros(steps * option.step_amount)
    if level < 0:
        text = ngettext(
            "%(steps)d step down: %(amount)s less", "%(steps)d steps down: %(amount)s less", steps
        ) % {"steps": steps, "amount": amount}
        means = option.step_down_means
    else:
        text = ngettext(
            "%(steps)d step up: %(amount)s more", "%(steps)d steps up: %(amount)s more", steps
        ) % {"steps": steps, "amount": amount}
        means = option.step_up_means
    if means:
        text += f" – {means}" if steps == 1 else f" – {steps} × {means}"
    return text


class PlanForm(forms.Form):
    """One choice per option (a select: works without JavaScript) and an optional reason."""

    def __init__(
        self,
        *args: Any,
        options: list[SavingsOption],
        by_code: bool = False,
        table_plan: bool = False,
        areas: QuerySet[Area] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.options = options
        if table_plan:
            self.fields["meeting"] = forms.CharField(
                label=_("Meeting and table"),
                max_length=160,
                help_text=_("For example: meeting 12 March, table 3."),
            )
        for option in options:
            if option.untouchable:
                continue
            self.fields[f"o{option.pk}"] = forms.TypedChoiceField(
                label=option.name,
                choices=[(level, level_label(option, level)) for level in option.levels()],
                coerce=int,
                initial=0,
                help_text=option.description,
            )
            self.fields[f"r{option.pk}"] = forms.CharField(
                label=_("Why did you choose this?"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if by_code:
            # Asked, never required: with it the results show choices per area and age
            # (no figure for fewer than five plans). An account's plan takes both from the
            # municipality's check of where the resident lives.
            area = AreaChoiceField(
                label=_("Your neighbourhood"),
                required=False,
                empty_label=_("I would rather not say"),
                queryset=areas if areas is not None else Area.objects.all(),
            )
            if areas is not None:
                area.only_ids = frozenset(areas.values_list("pk", flat=True))
            self.fields["area"] = area
            self.fields["age_band"] = forms.ChoiceField(
                label=_("Your age"),
                choices=[("", _("I would rather not say")), *AgeBand.choices],
                required=False,
            )
            self.fields["email"] = forms.EmailField(
                label=_("Your e-mail address"),
                required=False,
                help_text=_("Only to send you the college's answer. Then we delete it."),
            )
        limit_texts(self)

    def option_rows(self) -> list[dict[str, Any]]:
        """Per option: the choice field and the reason field (none when untouchable)."""
        rows = []
        for option in self.options:
            if option.untouchable:
                rows.append({"option": option, "choice": None, "reason": None})
            else:
                rows.append(
                    {
                        "option": option,
                        "choice": self[f"o{option.pk}"],
                        "reason": self[f"r{option.pk}"],
                    }
                )
        return rows

    def raw_levels(self) -> dict[str, int]:
        """The levels as typed, also when the form is not (yet) valid: for the running total."""
        levels = {}
        for option in self.options:
            if option.untouchable:
                continue
            value = (
                self.data.get(f"o{option.pk}")
                if self.is_bound
                else self.initial.get(f"o{option.pk}")
            )
            try:
                level = int(value or 0)
            except (TypeError, ValueError):
                level = 0
            levels[str(option.pk)] = level if level in option.levels() else 0
        return levels

    def levels(self) -> dict[str, int]:
        return {str(o.pk): self.cleaned_data[f"o{o.pk}"] for o in self.options if not o.untouchable}

    def reasons(self) -> dict[str, str]:
        return {
            str(o.pk): self.cleaned_data.get(f"r{o.pk}", "")
            for o in self.options
            if not o.untouchable
        }


def plan_initial(levels: dict[str, int], reasons: dict[str, str]) -> dict[str, Any]:
    initial: dict[str, Any] = {f"o{key}": level for key, level in levels.items()}
    initial.update({f"r{key}": reason for key, reason in reasons.items()})
    return initial


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=40,
        help_text=_("It is on the letter, for example ABCD-EFGH-JKMN. Capitals do not matter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of letters"),
        min_value=1,
        max_value=20000,
        help_text=_("You get a PDF with one letter per code. Print it right away."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer of the college"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What the college does with the plans. Every participant gets it by e-mail."),
    )


class DialogueForm(forms.ModelForm):
    class Meta:
        model = Dialogue
        fields = list(DIALOGUE_FIELDS)  # what the service accepts, named once
        widgets = {
            "open_from": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "open_until": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }


class TableForm(forms.ModelForm):
    class Meta:
        model = BudgetTable
        fields = ["name", "description", "current", "minimum", "maximum"]


class OptionForm(forms.ModelForm):
    table = forms.ModelChoiceField(label=_("Table"), queryset=BudgetTable.objects.none())

    class Meta:
        model = SavingsOption
        fields = [
            "table",
            "name",
            "description",
            "step_amount",
            "steps_down",
            "steps_up",
            "step_down_means",
            "step_up_means",
            "untouchable",
        ]

    def __init__(self, *args: Any, dialogue: Dialogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["table"].queryset = dialogue.tables.all()  # type: ignore[attr-defined]


limit_texts(*forms_in(__name__))
