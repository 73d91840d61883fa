"""Forms of pitch battles: an entry, a score sheet (a choice per criterion, phone-sized), an
initiative as entry, a public vote, a follow-up message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from voorop.battles.models import Battle, Criterion, Entry, JuryGroup
from voorop.core.forms import forms_in, limit_texts
from voorop.core.money import EuroFormField


class EntryForm(forms.Form):
    title = forms.CharField(label=_("Name of your plan"), max_length=200)
    summary = forms.CharField(
        label=_("Your plan"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What do you want to do, for whom, and what do you need?"),
    )


class InitiativeEntryForm(forms.Form):
    initiative = forms.IntegerField(
        label=_("Number of the initiative"),
        help_text=_("You find it in the address of the initiative's page."),
        min_value=1,
    )


class SheetForm(forms.Form):
    """A score per criterion (radio buttons: big enough to tap), a reason, or a conflict."""

    conflict = forms.BooleanField(
        label=_("I have a conflict of interest with this plan (I do not score it)"),
        required=False,
    )
    reason = forms.CharField(
        label=_("Your reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published with the results, without your name."),
    )

    def __init__(self, *args: Any, battle: Battle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(battle.criteria.all())
        choices = [(value, str(value)) for value in battle.scale()]
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.explanation,
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "score-choices"}),
            )
        self.order_fields([f"c{c.pk}" for c in self.criteria] + ["reason", "conflict"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("conflict"):
            for criterion in self.criteria:
                if data.get(f"c{criterion.pk}") in (None, ""):
                    self.add_error(f"c{criterion.pk}", _("Choose a score."))
        return data

    def scores(self) -> dict[str, int]:
        return {
            str(c.pk): self.cleaned_data[f"c{c.pk}"]
            for c in self.criteria
            if self.cleaned_data.get(f"c{c.pk}") not in (None, "")
        }


class VoteForm(forms.Form):
    entry = forms.ModelChoiceField(
        label=_("Your favourite plan"), queryset=Entry.objects.none(), widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, battle: Battle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = battle.entries.order_by("pk")  # type: ignore[attr-defined]
        self.fields["entry"].empty_label = None  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}))


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value: Any) -> Any:
        if hasattr(value, "strftime"):
            from django.utils import timezone

            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.strftime("%Y-%m-%dT%H:%M")
        return value


class BattleForm(forms.ModelForm):
    """The details of a battle. Area and theme are the shared building blocks (core)."""

    class Meta:
        model = Battle
        fields = [
            "title",
            "description",
            "area",
            "theme",
            "event_at",
            "scale_min",
            "scale_max",
            "public_vote",
        ]
        widgets = {"event_at": DateTimeInput()}
        help_texts = {
            "event_at": _("The day and time the plans are pitched."),
            "scale_min": _("For example 1."),
            "scale_max": _("For example 10."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and low >= high:
            self.add_error(
                "scale_max", _("The highest score must be higher than the lowest score.")
            )
        return data


class CriterionForm(forms.ModelForm):
    weight = forms.IntegerField(
        label=_("weight"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("How many times this point counts, from 1 to 10."),
    )

    class Meta:
        model = Criterion
        fields = ["name", "explanation", "weight"]
        labels = {"name": _("Point the jury scores")}
        help_texts = {"explanation": _("What the jury should look at, in one sentence.")}


class JurorForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the juror's account"),
        help_text=_("The juror needs an account on this site to score on their phone."),
    )
    group = forms.ChoiceField(label=_("Group"), choices=JuryGroup.choices, widget=forms.RadioSelect)


class HandEntryForm(EntryForm):
    """A plan the organiser enters (sent in on paper, or told at the desk)."""

    title = forms.CharField(label=_("Name of the plan"), max_length=200)
    summary = forms.CharField(label=_("The plan"), widget=forms.Textarea(attrs={"rows": 5}))
    author_email = forms.EmailField(
        label=_("E-mail address of the maker's account (optional)"),
        required=False,
        help_text=_("Then the maker can follow up the plan and make it an initiative."),
    )


class InitiativeSearchForm(forms.Form):
    q = forms.CharField(label=_("Search initiatives by name"), max_length=100, required=False)


class ProposalForm(forms.Form):
    """Carry an entry into a budget round: the organiser picks a round that takes proposals."""

    budget_round = forms.TypedChoiceField(label=_("Budget round"), coerce=int)
    cost_estimate = EuroFormField(
        label=_("Estimated cost in euros"),
        whole=True,
        min_value=0,
        help_text=_("A whole number, for example 25000. The municipality checks it."),
    )

    def __init__(self, *args: Any, rounds: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rounds = {r.pk: r for r in rounds}
        self.fields["budget_round"].choices = [(r.pk, r.title) for r in rounds]  # type: ignore[attr-defined]

    def chosen_round(self) -> Any:
        return self.rounds[self.cleaned_data["budget_round"]]


limit_texts(*forms_in(__name__))
