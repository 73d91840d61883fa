"""Charts drawn on the server as SVG (no JavaScript). Each chart is a picture with a title
and a short text alternative; the page puts the same numbers in a table beside it, which is
what screen readers and printouts use."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from voorop.core.indicators import Unit

WIDTH, HEIGHT = 480, 220
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 8, 40, 24
# A dark blue with a contrast of more than 8:1 against white (WCAG 1.4.11 asks 3:1).
BAR = "#1d4f7c"
TEXT = "#1a1a1a"


def format_value(value: float | None, unit: str) -> str:
    """A value as the pages show it: a percentage, a number of days, euros or a count."""
    if value is None:
        return "–"
    if unit == Unit.SHARE:
        return f"{value * 100:.1f}%".replace(".", ",")
    if unit == Unit.EUROS:
        return "€ " + f"{value:,.0f}".replace(",", ".")
    if unit == Unit.DAYS:
        return f"{value:.1f}".replace(".", ",")
    if float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.2f}".replace(".", ",")


def bar_chart(
    title: str, bars: list[tuple[str, float | None]], unit: str, chart_id: str
) -> SafeString:
    """Vertical bars, one per label (a half-year or an area), with the value above each."""
    values = [v for _label, v in bars if v is not None]
    top = max(values) if values else 0.0
    if unit == Unit.SHARE:
        top = max(top, 1.0)
    top = top or 1.0
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    slot = (WIDTH - MARGIN_LEFT * 2) / max(len(bars), 1)
    bar_width = min(60.0, slot * 0.6)
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{escape(chart_id)}-title" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<line x1="{MARGIN_LEFT}" y1="{HEIGHT - MARGIN_BOTTOM}" x2="{WIDTH - MARGIN_LEFT}" '
        f'y2="{HEIGHT - MARGIN_BOTTOM}" stroke="{TEXT}" stroke-width="1"/>',
    ]
    for index, (label, value) in enumerate(bars):
        x = MARGIN_LEFT + slot * index + (slot - bar_width) / 2
        centre = x + bar_width / 2
        if value is not None:
            height = max(plot_height * (value / top), 1.0) if value > 0 else 0.0
            y = HEIGHT - MARGIN_BOTTOM - height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" height="{height:.1f}" '
                f'fill="{BAR}"/>'
            )
            parts.append(
                f'<text x="{centre:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="13" '
                f'fill="{TEXT}">{escape(format_value(value, unit))}</text>'
            )
        parts.append(
            f'<text x="{centre:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 18}" text-anchor="middle" '
            f'font-size="12" fill="{TEXT}">{escape(_short(label))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above


def _short(label: str) -> str:
    return label if len(label) <= 22 else label[:21] + "…"
