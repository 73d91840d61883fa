from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.accounts.models import User
from voorop.core.areas.models import Area
from voorop.core.forms import forms_in, limit_texts


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        required=False,
        help_text=_("Optional. Shown when you support an initiative with your name."),
    )

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data.get("display_name", "")
        user.language = getattr(request, "LANGUAGE_CODE", "nl") or "nl"
        user.save(update_fields=["display_name", "language"])


class ProfileForm(forms.ModelForm):
    home_area = forms.ModelChoiceField(
        label=_("Where you live"),
        queryset=Area.objects.all(),
        required=False,
        empty_label=_("(not given)"),
        help_text=User._meta.get_field("home_area").help_text,
    )

    class Meta:
        model = User
        fields = ["display_name", "first_name", "last_name", "language", "home_area", "birth_year"]
        widgets = {"birth_year": forms.NumberInput(attrs={"inputmode": "numeric"})}

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.now().year
        if year is not None and not (this_year - 120 <= year <= this_year):
            raise forms.ValidationError(
                _("Enter a year between %(first)s and %(last)s."),
                params={"first": this_year - 120, "last": this_year},
            )
        return year


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete my account. I understand this cannot be undone."),
        required=True,
        error_messages={
            "required": _("Tick the box to confirm that you want to delete your account.")
        },
    )


limit_texts(*forms_in(__name__))
