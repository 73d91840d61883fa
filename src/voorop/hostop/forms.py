"""Forms of the Ho-stop card: raising it with a reason, proposing an adjustment."""

from django import forms
from django.utils.translation import gettext_lazy as _


class RaiseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should the process pause?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Everyone involved reads this. The process continues only when all agree."),
        error_messages={"required": _("Say why the process should pause.")},
    )


class AdjustmentForm(forms.Form):
    text = forms.CharField(
        label=_("Proposed adjustment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("After a new proposal, everyone is asked to agree again."),
        error_messages={"required": _("Describe the adjustment you propose.")},
    )
