"""Organisers' settings: editing a panel, filtering the member list, and the closing date of
an opinion map."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from voorop.core.forms import forms_in, limit_texts
from voorop.panel.forms.common import ClosingDateForm, weighting_field
from voorop.panel.models import Panel
from voorop.panel.selectors import MemberStatus


class PanelEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What the panel is for"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    privacy_text = forms.CharField(
        label=_("Privacy text"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown to people who join, above the general privacy statement: what the panel "
            "keeps, for how long, and who sees it."
        ),
    )
    area_feature = forms.ChoiceField(label=_("Feature with the areas"), required=False)
    term_years = forms.IntegerField(
        label=_("Term in years"),
        min_value=1,
        max_value=10,
        help_text=_("For new members and for renewals; current terms stay as they are."),
        error_messages={
            "min_value": _("The term is 1 to 10 years."),
            "max_value": _("The term is 1 to 10 years."),
            "invalid": _("Type the term as a whole number of years, for example 3."),
            "required": _("Type the term in years."),
        },
    )
    open_signup = forms.BooleanField(
        label=_("Anyone can sign up (not only with a letter)"), required=False
    )

    def __init__(self, *args, panel: Panel, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": panel.title,
                "description": panel.description,
                "privacy_text": panel.privacy_text,
                "area_feature": panel.area_feature,
                "term_years": panel.term_years,
                "open_signup": panel.open_signup,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["area_feature"].choices = [("", _("None"))] + [
            (name, name) for name in panel.feature_names
        ]
        if panel.features:
            self.fields["weighting"] = weighting_field(panel)
            self.fields["weighting"].label = _("Features for representativeness and weighting")
            self.fields["weighting"].help_text = _(
                "New consultations weight their results on these features; each consultation "
                "can still change its own choice."
            )
            self.order_fields(["title", "description", "privacy_text", "area_feature", "weighting"])


class MemberFilterForm(forms.Form):
    """The member list's filters (GET): one choice per feature and the status."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *list(MemberStatus.CHOICES)]
    )

    def __init__(self, *args, panel: Panel, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.panel = panel
        self.feature_fields: list[tuple[str, str]] = []
        for index, feature in enumerate(panel.features):
            name = f"kenmerk_{index}"
            self.fields[name] = forms.ChoiceField(
                label=feature["name"],
                required=False,
                choices=[("", _("All"))] + [(v, v) for v in feature["values"]],
            )
            self.feature_fields.append((name, feature["name"]))
        self.order_fields([name for name, _feature in self.feature_fields] + ["status"])

    def filters(self) -> tuple[dict[str, str], str]:
        """The chosen feature values and status; a value that is not a choice is ignored."""
        if not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            data = self.cleaned_data
        features = {feature: data.get(name, "") for name, feature in self.feature_fields}
        return {k: v for k, v in features.items() if v}, data.get("status", "")


class MapClosingForm(ClosingDateForm):
    """Reopen an opinion map, until a date or without an end."""


limit_texts(*forms_in(__name__))
