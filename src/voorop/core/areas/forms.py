"""The area form field, shared by the apps that let a user pick an area."""

from __future__ import annotations

import functools

from django import forms

from voorop.core.areas.models import Area
from voorop.core.areas.selectors import area_tree


class AreaChoiceField(forms.ModelChoiceField):
    """Areas in their hierarchy: a wijk indented under its kern.

    The choices are read when the form is shown, never at import (the database may not
    exist yet then, e.g. during `migrate`). Set ``only_ids`` (with a matching queryset) to
    show only part of the tree, e.g. a procesbegeleider's own areas or a process's area
    and the areas in it.
    """

    only_ids: frozenset[int] | None = None

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", Area.objects.all())
        super().__init__(**kwargs)

    def get_bound_field(self, form, field_name):
        # A callable: the tree is read when the choices are shown, not when a posted form is
        # checked (that asks the queryset), so a valid post reads no areas (issue 13). Read
        # once however often the widget goes through them.
        self.choices = functools.cache(self._tree_choices)
        return super().get_bound_field(form, field_name)

    def _tree_choices(self) -> list[tuple[int | str, str]]:
        choices: list[tuple[int | str, str]] = [("", self.empty_label or "")] + [
            (area.pk, "\u2003" * depth + area.name) for area, depth in area_tree()
        ]
        if self.only_ids is not None:
            choices = [
                (value, label)
                for value, label in choices
                if (value == "" and self.empty_label is not None) or value in self.only_ids
            ]
        return choices
