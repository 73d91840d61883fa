"""Forms of pitch battles: an entry, a score sheet (a choice per criterion, phone-sized), an
initiative as entry, a public vote, a follow-up message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from voorop.battles.models import Battle, Entry
from voorop.core.forms import forms_in, limit_texts


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


limit_texts(*forms_in(__name__))
