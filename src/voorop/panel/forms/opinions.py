"""The opinion map: making one, a participant's own statement, Pol.is's files."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.core.forms import forms_in, limit_texts
from voorop.core.uploads import CSV_KIND, UploadField
from voorop.panel.forms.common import DateInput, end_of_day
from voorop.panel.models import Moderation


class OpinionMapForm(forms.Form):
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
    closes_on = forms.DateField(
        label=_("Closes at the end of"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty to close the map yourself."),
    )

    def clean_closes_on(self):
        day = self.cleaned_data.get("closes_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("The closing date must be in the future."))
        return day

    def closes_at(self) -> datetime | None:
        day = self.cleaned_data.get("closes_on")
        return end_of_day(day) if day else None


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
