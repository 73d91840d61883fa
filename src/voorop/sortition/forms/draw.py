"""The draw and after: the seed and method of the selection, filling an open seat with a
deviation, and publication."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from voorop.core.forms import forms_in, limit_texts
from voorop.sortition.models import Algorithm


class SeedForm(forms.Form):
    seed = forms.CharField(
        label=_("Seed"),
        max_length=200,
        help_text=_(
            "For example the numbers of a public draw, typed in at a public meeting, or the "
            "winning numbers of a lottery on a date still to come. Once fixed, it cannot change."
        ),
    )
    source = forms.CharField(
        label=_("Where the seed comes from"),
        max_length=300,
        required=False,
        help_text=_(
            "So that anyone can check it, for example “Dice thrown at the council meeting of "
            "3 March”."
        ),
    )


class SelectionForm(forms.Form):
    algorithm = forms.ChoiceField(
        label=_("Method"),
        choices=Algorithm.choices,
        initial=Algorithm.LEXIMIN,
        widget=forms.RadioSelect,
    )


class DeviationForm(forms.Form):
    """Fill an open seat while accepting a deviation from the quotas."""

    how = forms.ChoiceField(
        label=_("What should happen with the seat?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the options.")},
    )
    accept = forms.BooleanField(
        label=_(
            "I accept that the group then deviates from the quotas as described. This is "
            "recorded and published in the report."
        ),
        error_messages={"required": _("Tick the box to accept the deviation from the quotas.")},
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["how"].choices = choices
        if len(choices) == 1:
            self.fields["how"].initial = choices[0][0]


class PublishForm(forms.Form):
    publish_pool_file = forms.BooleanField(
        label=_(
            "Also publish the registrations without names, so that anyone can recompute the draw"
        ),
        required=False,
        initial=True,
        help_text=_(
            "A file with a random number (pseudonym) and the features of everyone who "
            "registered; no names, contact details or addresses. It is deleted together with "
            "the personal data. Leave it out if the features are sensitive: with few "
            "respondents, a combination of features can point to one person."
        ),
    )


limit_texts(*forms_in(__name__))
