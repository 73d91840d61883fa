"""Limits on typed text (issue 12.11): every text field of an assembly's forms has a maximum
length, refused with a clear message, and the form is shown again with everything typed.

The browser is not asked to enforce the limit (no ``maxlength`` attribute): it would cut a
pasted text off without a word. The server refuses it instead and says by how much."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

TOO_LONG = _(
    "Use at most %(limit_value)d characters; you typed %(show_value)d. Make the text shorter: "
    "what you typed is still here."
)


def limit_text(form: forms.BaseForm) -> None:
    """Give every text field of ``form`` with a maximum length the clear message, and leave
    the limit to the server."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and field.max_length is not None:
            field.error_messages = {**field.error_messages, "max_length": TOO_LONG}
            field.widget.attrs.pop("maxlength", None)


class LimitedTextForm(forms.Form):
    """A form whose text fields all have limits (see ``limit_text``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)
