"""Forms of monitoring: plain forms, the services check and save."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from voorop.core.areas.forms import AreaChoiceField
from voorop.core.forms import forms_in, limit_texts
from voorop.core.indicators import Period, Unit
from voorop.monitoring.models import PROGRAMME_SIZE, ManualIndicator


def period_choices(back: int = 6) -> list[tuple[str, str]]:
    """The current half-year and the ``back`` before it, newest first."""
    period, out = Period.current(), []
    for _index in range(back + 1):
        out.append((period.key, period.label.capitalize()))
        period = period.previous()
    return out


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's ValidationError on the form: per field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ManualIndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=60,
        help_text=_("Letters, digits and hyphens, e.g. changed-role. It never changes."),
    )
    description = forms.CharField(label=_("What it tells"), widget=forms.Textarea)
    formula = forms.CharField(
        label=_("How it is measured"),
        widget=forms.Textarea,
        help_text=_("Residents see this next to the figures."),
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)


class ManualValueForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=ManualIndicator.objects.all(), empty_label=None
    )
    period_key = forms.ChoiceField(label=_("Half-year"))
    area = AreaChoiceField(
        label=_("Area"), required=False, help_text=_("Leave empty for the whole municipality.")
    )
    value = forms.DecimalField(
        label=_("Value"),
        required=False,
        max_digits=14,
        decimal_places=4,
        help_text=_("A number; a percentage from 0 to 100. Leave empty for a text indicator."),
    )
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea)
    source = forms.CharField(
        label=_("Source"), max_length=300, help_text=_("Where does this come from?")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_key"].choices = period_choices()


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    question = forms.CharField(
        label=_("Central question"),
        max_length=300,
        required=False,
        help_text=_("For example: has schaalverdieping succeeded?"),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    is_public = forms.BooleanField(
        label=_("Show on the public dashboard"), required=False, initial=True
    )
    indicator_keys = forms.MultipleChoiceField(
        label=_("Indicators"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose at most ten."),
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator_keys"].choices = choices

    def clean_indicator_keys(self) -> list[str]:
        keys = self.cleaned_data["indicator_keys"]
        if len(keys) > PROGRAMME_SIZE:
            raise ValidationError(
                _("Choose at most %(n)d indicators."), params={"n": PROGRAMME_SIZE}
            )
        return keys


class SnapshotRequestForm(forms.Form):
    period_key = forms.ChoiceField(label=_("Half-year"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_key"].choices = period_choices()


class ExperimentIndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    how_measured = forms.CharField(label=_("How it is measured"), widget=forms.Textarea)


class ExperimentValueForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=None, empty_label=None)
    period_key = forms.ChoiceField(label=_("Half-year"))
    value = forms.DecimalField(label=_("Value"), required=False, max_digits=14, decimal_places=4)
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea)
    source = forms.CharField(label=_("Source"), max_length=300)

    def __init__(self, *args, indicators, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["period_key"].choices = period_choices()


class LessonForm(forms.Form):
    period_key = forms.ChoiceField(label=_("Half-year"))
    worked = forms.CharField(label=_("What worked?"), required=False, widget=forms.Textarea)
    did_not_work = forms.CharField(
        label=_("What did not work?"), required=False, widget=forms.Textarea
    )
    differently = forms.CharField(
        label=_("What would we do differently?"), required=False, widget=forms.Textarea
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_key"].choices = period_choices()


class LessonSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the lessons"), required=False, max_length=200)


class DashboardFilterForm(forms.Form):
    area = AreaChoiceField(label=_("Area"), required=False, empty_label=_("Whole municipality"))


limit_texts(*forms_in(__name__))
