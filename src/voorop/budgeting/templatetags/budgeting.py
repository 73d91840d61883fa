"""`{% load budgeting %}`: amounts in euros, the Dutch way (€ 12.500)."""

from __future__ import annotations

from django import template

from voorop.budgeting.ballots import euro as _euro

register = template.Library()


@register.filter
def euro(value) -> str:
    try:
        return _euro(round(float(value)))
    except (TypeError, ValueError):
        return ""
