"""`{% load kit %}`: the shared kit in templates.

- ``{{ amount|euros }}``: "€ 1.500" or "€ 1.500,50" (``voorop.core.money.format_euros``);
  ``{{ amount|euros:"always" }}`` always shows the cents.
- ``{% if challenge|phase_allows:"support" %}``: the process's phase enables the action and
  it is not paused (``voorop.core.phases``); an unknown action is an error, not "no".
- ``{% phase_badge obj %}``: the current phase as a status badge in its tone.
- ``{% phase_timeline obj %}``: every phase in order with dates and the current one marked.

Pages decide with permissions (``{% has_perm %}``) or with what a phase declares
(``phase.allows.vote``, ``phase.final``), never by comparing a phase key.
"""

from __future__ import annotations

from typing import Any

from django import template

from voorop.core import phases
from voorop.core.money import format_euros

register = template.Library()


@register.filter
def euros(value: Any, cents: str = "auto") -> str:
    if cents not in ("auto", "always", "never"):
        raise template.TemplateSyntaxError(f"euros: cents must be auto, always or never: {cents}")
    try:
        return format_euros(value, cents=cents)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""


@register.filter
def phase_allows(obj: Any, action: str) -> bool:
    if obj is None or obj == "":
        return False
    return phases.kind_for(obj).allows(obj, action)


@register.inclusion_tag("core/partials/phase_badge.html")
def phase_badge(obj: Any) -> dict[str, Any]:
    kind = phases.kind_for(obj)
    return {"phase": kind.phase_of(obj), "paused": kind.is_paused(obj)}


@register.inclusion_tag("core/partials/phase_timeline.html")
def phase_timeline(obj: Any) -> dict[str, Any]:
    return {"rows": phases.kind_for(obj).timeline(obj)}
