"""Registration with the code from the letter, by a resident or typed in by staff."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from voorop.core.forms import forms_in, limit_texts
from voorop.sortition.models import Assembly


def feature_field_name(index: int) -> str:
    return f"feature_{index}"


class RegistrationForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the letter"),
        max_length=20,
        help_text=_("The letters and digits on your letter, for example ABCD-EF23-GH45."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    name = forms.CharField(
        label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        help_text=_("Give an e-mail address or a phone number, or both."),
    )

    def __init__(self, *args, assembly: Assembly, on_paper: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.assembly = assembly
        for index, feature in enumerate(assembly.features):
            self.fields[feature_field_name(index)] = forms.ChoiceField(
                label=feature.get("question") or feature["name"],
                choices=[(v, v) for v in feature["values"]],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one of the options.")},
            )
        self.fields["consent"] = forms.BooleanField(
            label=(
                _("The resident agrees to the privacy terms.")
                if on_paper
                else _("I agree that the municipality uses my details for this selection.")
            ),
            error_messages={
                "required": _("You can only register if you agree to the privacy terms.")
            },
        )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Give an e-mail address or a phone number, or both."))
        return data

    def features(self) -> dict[str, str]:
        return {
            feature["name"]: self.cleaned_data[feature_field_name(index)]
            for index, feature in enumerate(self.assembly.features)
        }


limit_texts(*forms_in(__name__))
