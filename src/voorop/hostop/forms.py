"""Forms of the Ho-stop card: raising it with a reason, proposing an adjustment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from voorop.core.forms import forms_in, limit_texts


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


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("resume", _("The process continues")), ("stop", _("The process stops"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the process continues or stops.")},
    )
    reason = forms.CharField(
        label=_("Why?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Everyone can read this on the card and on the timeline."),
        error_messages={"required": _("Write why the process continues or stops.")},
    )

    def __init__(self, *args, may_stop: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not may_stop:
            self.fields["decision"].choices = self.fields["decision"].choices[:1]


limit_texts(*forms_in(__name__))
