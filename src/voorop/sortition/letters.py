"""The invitation letters: one A4 page per drawn address, with a personal registration code
and a QR code that opens the registration page with the code filled in. Rendered by
WeasyPrint (the same approach as the voting-code letters of budget rounds); nothing is
stored, the codes exist in clear only in this PDF."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from voorop.sortition.models import Assembly


def registration_url(assembly: Assembly, code: str = "", base_url: str = "") -> str:
    base = (base_url or settings.VOOROP_SITE_URL or "").rstrip("/")
    path = reverse("sortition:register", args=[assembly.pk])
    return f"{base}{path}?{urlencode({'code': code})}" if code else f"{base}{path}"


def letters_pdf(assembly: Assembly, letters: list[dict[str, str]], *, base_url: str = "") -> bytes:
    from weasyprint import HTML

    pages = []
    for letter in letters:
        url = registration_url(assembly, letter["code"], base_url)
        qr = segno.make(url, error="m")
        pages.append({**letter, "url": url, "qr": qr.svg_data_uri(scale=4, border=2)})
    with translation.override("nl"):
        html = render_to_string(
            "sortition/letters.html",
            {
                "assembly": assembly,
                "letters": pages,
                "entry_url": registration_url(assembly, base_url=base_url),
                "municipality_name": settings.VOOROP_MUNICIPALITY_NAME,
            },
        )
    return HTML(string=html).write_pdf()
