"""Printed letters with a one-time code and a QR code (voting letters, invitations).

An app has its own template (one A4 page per letter; it extends ``core/letters.html``, which
lays out the address, the code, the QR code and the link) and calls :func:`letters_pdf`
with the letters (an address as ``AddressRow.as_letter()`` gives it, plus the ``code``) and
the path of the page where residents type the code: each letter gets the link to that page
with its code filled in, and a QR code of that link. Nothing is stored here: the PDF is the
only place the codes exist in clear.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _


def public_url(path: str, *, base_url: str = "", query: Mapping[str, str] | None = None) -> str:
    """The address printed on a letter: VOOROP_SITE_URL (the public address, as in
    e-mails), else ``base_url`` (the address staff used, from the request)."""
    base = (settings.VOOROP_SITE_URL or base_url or "").rstrip("/")
    url = f"{base}{path}"
    return f"{url}?{urlencode(dict(query))}" if query else url


def qr_data_uri(url: str) -> str:
    """A QR code for ``url`` as an SVG data URI: sharp at any print size, error correction
    level M (still readable with a crease or a stain), the standard quiet zone of 4."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=4)


def with_qr(
    letters: Iterable[Mapping[str, str]], url_for: Callable[[str], str]
) -> list[dict[str, str]]:
    """Each letter (a dict with at least ``code``) with its ``url`` and ``qr`` added."""
    pages = []
    for letter in letters:
        url = url_for(letter["code"])
        pages.append({**letter, "url": url, "qr": qr_data_uri(url)})
    return pages


def render_pdf(template: str, context: Mapping[str, Any], *, language: str = "nl") -> bytes:
    """Render ``template`` in ``language`` (letters go out in Dutch) and make a PDF."""
    from weasyprint import HTML  # heavy import, only where PDFs are made

    context = {"municipality_name": settings.VOOROP_MUNICIPALITY_NAME, **context}
    with translation.override(language):
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def entry_url(entry_path: str, code: str = "", *, base_url: str = "") -> str:
    """The printed link to the page where a code is typed, with ``code`` filled in."""
    return public_url(entry_path, base_url=base_url, query={"code": code} if code else None)


def letters_pdf(
    template: str,
    *,
    letters: Iterable[Mapping[str, str]],
    entry_path: str,
    context: Mapping[str, Any] | None = None,
    base_url: str = "",
    language: str = "nl",
) -> bytes:
    """The PDF of ``letters``: each with its link and QR code to ``entry_path`` with its code,
    and ``entry_url`` (without a code) for residents who type the address themselves."""
    pages = with_qr(letters, lambda code: entry_url(entry_path, code, base_url=base_url))
    return render_pdf(
        template,
        {
            **(context or {}),
            "letters": pages,
            "entry_url": entry_url(entry_path, base_url=base_url),
        },
        language=language,
    )


def letters_download(field_file: FieldFile, filename: str) -> HttpResponse:
    """A stored PDF of letters as a download; the caller has checked the permission. Never
    cached anywhere: the letters hold codes in clear."""
    if not field_file:
        raise Http404(_("These letters are not (or no longer) there."))
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
    add_never_cache_headers(response)
    return response


def letters_path(folder: str) -> str:
    """Where a PDF of letters is stored: a name nobody can guess (the file is served only
    through a view that checks permission)."""
    return f"{folder}/letters/{secrets.token_hex(16)}.pdf"
