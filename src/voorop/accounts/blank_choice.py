"""Django's empty choice ("- Select an option -", Django 6) is a prompt, never an answer.

As radio buttons it would be one more answer, already checked on an empty form, and read
as "the person chose '- Select an option -'" (issue 14.8). So a radio list leaves out the
empty choice when it carries Django's default label: nothing is checked until the person
chooses, and an optional question left alone stays unanswered. A form that wants "no
choice" as a real answer gives it its own label (for example "Not chosen yet") and keeps
it. In a drop-down list the empty option stays, as the prompt, translated in
src/voorop/locale (Django's Dutch catalogue lacks it).

Installed once, from AccountsConfig.ready().
"""

from __future__ import annotations

from typing import Any

from django.db.models.utils import get_blank_choice_label
from django.forms import widgets

_installed = False


def _is_default_blank(option: dict[str, Any]) -> bool:
    return option["value"] in ("", None) and str(option["label"]) == str(get_blank_choice_label())


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
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
