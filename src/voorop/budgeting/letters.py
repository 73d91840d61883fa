"""The letters with voting codes: one A4 page per address, with the code and a QR code that
opens the ballot with the code filled in. Rendered by WeasyPrint; nothing is stored."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from voorop.budgeting.models import BudgetRound


def code_url(budget_round: BudgetRound, code: str, base_url: str = "") -> str:
    base = (settings.VOOROP_SITE_URL or base_url or "").rstrip("/")
    path = reverse("budgeting:code", args=[budget_round.pk])
    return f"{base}{path}?{urlencode({'code': code})}"


def letters_pdf(
    budget_round: BudgetRound, letters: list[dict[str, str]], *, base_url: str = ""
) -> bytes:
    from weasyprint import HTML

    pages = []
    for letter in letters:
        url = code_url(budget_round, letter["code"], base_url)
        qr = segno.make(url, error="m")
        pages.append({**letter, "url": url, "qr": qr.png_data_uri(scale=4, border=2)})
    with translation.override("nl"):
        html = render_to_string(
            "budgeting/letters.html",
            {
                "round": budget_round,
                "letters": pages,
                "entry_url": (settings.VOOROP_SITE_URL or base_url or "").rstrip("/")
                + reverse("budgeting:code", args=[budget_round.pk]),
                "municipality_name": settings.VOOROP_MUNICIPALITY_NAME,
            },
        )
    return HTML(string=html).write_pdf()
