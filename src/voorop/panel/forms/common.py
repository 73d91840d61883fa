"""Shared pieces of the panel's forms: the date widget, the end of a day, the weighting field,
the closing date of an opinion map."""

from __future__ import annotations

from datetime import date, datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.panel.models import Panel


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        if hasattr(value, "strftime"):
            return value.strftime("%Y-%m-%d")
        return value


def end_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def weighting_field(panel: Panel) -> forms.MultipleChoiceField:
    """The features the results are weighted on (raked to the population figures)."""
    return forms.MultipleChoiceField(
        label=_("Weight the results on"),
        choices=[(name, name) for name in panel.feature_names],
        initial=panel.weighting_features,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The results are weighted so that these features match the population figures. "
            "Fewer features give steadier weights."
        ),
        error_messages={"required": _("Choose at least one feature to weight the results on.")},
    )


class ClosingDateForm(forms.Form):
    """The closing date of an opinion map (making it, or reopening it): a day not in the past,
    the map closes at its end. Forms that add fields put them before this one
    (``field_order``)."""

    closes_on = forms.DateField(
        label=_("Closes at the end of"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty to close the map yourself."),
        error_messages={"invalid": _("Type a date, for example 31-12-2026.")},
    )

    def clean_closes_on(self) -> date | None:
        day = self.cleaned_data.get("closes_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("The closing date must be in the future."))
        return day

    def closes_at(self) -> datetime | None:
        day = self.cleaned_data.get("closes_on")
        return end_of_day(day) if day else None
