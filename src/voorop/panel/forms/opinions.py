"""The opinion map: making one, a participant's own statement, Pol.is's files."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from voorop.core.forms import forms_in, limit_texts
from voorop.core.uploads import CSV_KIND, UploadField
from voorop.panel.forms.common import ClosingDateForm
from voorop.panel.models import Moderation


class OpinionMapForm(ClosingDateForm):
    field_order = ["title", "intro", "moderation", "statements", "closes_on"]

    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    moderation = forms.ChoiceField(
        label=_("New statements of participants"),
        choices=Moderation.choices,
        widget=forms.RadioSelect,
        initial=Moderation.BEFORE,
    )
    statements = forms.CharField(
        label=_("Statements to start with"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One statement per line, short and about one thing."),
    )


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Your own statement"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Short and about one thing, so that others can agree or disagree."),
    )


class PolisImportForm(forms.Form):
    participants_votes = UploadField(label="participants-votes.csv", kinds=(CSV_KIND,))
    comments = UploadField(label="comments.csv", kinds=(CSV_KIND,))


limit_texts(*forms_in(__name__))
