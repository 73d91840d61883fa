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


# Issue 12.11: every text a resident types has a maximum, with a plain Dutch message; the
# form comes back with what they typed. Applied to every form of this module. (The same in
# initiatives, loket and hostop: the lead may move it to voorop.core.forms.)
TEXT_LIMIT = 5000
TOO_LONG = _(
    "This text is too long: at most %(limit_value)d characters, and it has %(show_value)d. "
    "Make it shorter; what you typed is still here."
)


def _limit_texts(*form_classes: type) -> None:
    from django.core.validators import MaxLengthValidator

    for form_class in form_classes:
        for field in form_class.base_fields.values():
            if not isinstance(field, forms.CharField) or field.widget.is_hidden:
                continue
            if field.max_length is None:
                field.max_length = TEXT_LIMIT
                field.validators.append(MaxLengthValidator(TEXT_LIMIT))
                field.widget.attrs.update(field.widget_attrs(field.widget))
            field.error_messages["max_length"] = TOO_LONG


_limit_texts(
    *[
        value
        for value in list(globals().values())
        if isinstance(value, type)
        and issubclass(value, forms.BaseForm)
        and value.__module__ == __name__
        and hasattr(value, "base_fields")
    ]
)
