"""The area form field, shared by the apps that let a user pick an area."""

from __future__ import annotations

from django import forms

from voorop.core.areas.models import Area
from voorop.core.areas.selectors import area_tree


class AreaChoiceField(forms.ModelChoiceField):
    """Areas in their hierarchy: a wijk indented under its kern.

    The choices are read when the form is shown, never at import (the database may not
    exist yet then, e.g. during `migrate`).
    """

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", Area.objects.all())
        super().__init__(**kwargs)

    def get_bound_field(self, form, field_name):
        self.choices = [("", self.empty_label or "")] + [
            (area.pk, "\u2003" * depth + area.name) for area, depth in area_tree()
        ]
        return super().get_bound_field(form, field_name)
