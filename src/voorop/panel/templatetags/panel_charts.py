"""The bars of a result chart, computed for the SVG (the template only draws them)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()

WIDTH = 520.0
ROW = 58


def _text(value: float | None, measure: str) -> str:
    if value is None:
        return "—"
    if measure == "share":
        return f"{number_format(value, 0)}%"
    return number_format(value, 1)


@register.simple_tag
def chart_rows(result: Any, weighted: bool) -> dict[str, Any]:
    top = 100.0 if result.measure == "share" else (result.scale_max or 1.0)
    rows = []
    for index, row in enumerate(result.rows):
        base = index * ROW
        plain = 0.0 if row.unweighted is None else WIDTH * min(row.unweighted / top, 1.0)
        heavy = 0.0 if row.weighted is None else WIDTH * min(row.weighted / top, 1.0)
        rows.append(
            {
                "label": row.label,
                "y_label": base + 14,
                "y_plain": base + 20,
                "w_plain": round(plain, 1),
                "x_plain_text": round(plain + 6, 1),
                "y_plain_text": base + 31,
                "t_plain": _text(row.unweighted, result.measure),
                "y_heavy": base + 36,
                "w_heavy": round(heavy, 1),
                "x_heavy_text": round(heavy + 6, 1),
                "y_heavy_text": base + 47,
                "t_heavy": _text(row.weighted, result.measure),
            }
        )
    return {"rows": rows, "height": max(ROW, len(rows) * ROW)}
