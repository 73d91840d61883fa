"""Form rendering for every form on the site: error summary on top, accessible fields; the
limit on typed text that every form shares."""

from __future__ import annotations

import sys

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms import BaseForm
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class VooropFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


def posted(request: HttpRequest):
    """Form data on POST, else None: a GET shows an unbound form (never `POST or None`,
    which leaves an empty POST unbound and skips validation)."""
    return request.POST if request.method == "POST" else None


def uploaded_files(request: HttpRequest):
    """Uploaded files on POST, else None (the companion of `posted`)."""
    return request.FILES if request.method == "POST" else None


# Issue 12.11: every text field has a maximum, refused with a clear message; the form comes
# back with everything typed. The browser is not asked to enforce it (no ``maxlength``
# attribute): it would cut a pasted text off without a word.
TEXT_LIMIT = 5000
TOO_LONG = _(
    "This text is too long: at most %(limit_value)d characters, and it has %(show_value)d. "
    "Make it shorter; what you typed is still here."
)


def limit_texts(*forms_or_classes: BaseForm | type[BaseForm], default: int = TEXT_LIMIT) -> None:
    """Give every visible text field a maximum (``default`` where it has none; a limit set on
    the model or the form field stays), the clear ``TOO_LONG`` message, and no ``maxlength``
    attribute. Pass form classes (at the bottom of a forms module, see ``forms_in``) or, for
    fields added in ``__init__``, the form itself."""
    for form in forms_or_classes:
        fields = form.base_fields if isinstance(form, type) else form.fields
        for field in fields.values():
            if not isinstance(field, forms.CharField) or field.widget.is_hidden:
                continue
            if field.max_length is None:
                field.max_length = default
                field.validators.append(MaxLengthValidator(default))
            field.error_messages["max_length"] = TOO_LONG
            field.widget.attrs.pop("maxlength", None)


def forms_in(module_name: str) -> list[type[BaseForm]]:
    """The form classes defined in a module: ``limit_texts(*forms_in(__name__))`` at its
    bottom limits them all, also the ones added later."""
    return [
        value
        for value in vars(sys.modules[module_name]).values()
        if isinstance(value, type)
        and issubclass(value, BaseForm)
        and value.__module__ == module_name
        and hasattr(value, "base_fields")
    ]
