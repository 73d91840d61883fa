"""Form rendering for every form on the site: error summary on top, accessible fields; the
limit on typed text that every form shares; and radio lists without Django's empty choice
(``install_blank_choice_rule``, below)."""

from __future__ import annotations

import sys
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models.utils import get_blank_choice_label
from django.forms import BaseForm, widgets
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from voorop.core import widget_html


class VooropFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"

    def render(self, template_name, context, request=None):
        # Django's widget templates in Python, the same HTML (voorop.core.widget_html).
        if request is None and (html := widget_html.render(template_name, context)) is not None:
            return html
        return super().render(template_name, context, request=request)


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


# Django's empty choice in radio lists (issue 14.8).
#
# Django's empty choice ("- Select an option -", Django 6) is a prompt, never an answer.
#
# As radio buttons it would be one more answer, already checked on an empty form, and read
# as "the person chose '- Select an option -'" (issue 14.8). So a radio list leaves out the
# empty choice when it carries Django's default label: nothing is checked until the person
# chooses, and an optional question left alone stays unanswered. A form that wants "no
# choice" as a real answer gives it its own label (for example "Not chosen yet") and keeps
# it. In a drop-down list the empty option stays, as the prompt, translated in
# src/voorop/locale (Django's Dutch catalogue lacks it).
#
# Installed once, from CoreConfig.ready().

_blank_choice_rule_installed = False


def _is_default_blank(option: dict[str, Any]) -> bool:
    return option["value"] in ("", None) and str(option["label"]) == str(get_blank_choice_label())


def install_blank_choice_rule() -> None:
    """Radio lists leave out Django's default empty choice (see above)."""
    global _blank_choice_rule_installed
    if _blank_choice_rule_installed:
        return
    _blank_choice_rule_installed = True
    original = widgets.RadioSelect.optgroups

    def optgroups(self: widgets.RadioSelect, name: str, value: Any, attrs: Any = None) -> list:
        groups = original(self, name, value, attrs)
        if isinstance(self, widgets.CheckboxSelectMultiple):
            return groups
        kept = []
        for group, options, index in groups:
            options = [option for option in options if not _is_default_blank(option)]
            if options:
                kept.append((group, options, index))
        return kept

    widgets.RadioSelect.optgroups = optgroups  # type: ignore[method-assign]
