"""The invitation letters: one A4 page per drawn address, with a personal registration code
and a QR code that opens the registration page with the code filled in
(`voorop.core.letters`, as the voting letters of budget rounds); nothing is stored, the
codes exist in clear only in this PDF."""

from __future__ import annotations

from django.urls import reverse

from voorop.core.letters import public_url, render_pdf, with_qr
from voorop.sortition.models import Assembly


def registration_url(assembly: Assembly, code: str = "", base_url: str = "") -> str:
    path = reverse("sortition:register", args=[assembly.pk])
    return public_url(path, base_url=base_url, query={"code": code} if code else None)


def letters_pdf(assembly: Assembly, letters: list[dict[str, str]], *, base_url: str = "") -> bytes:
    return render_pdf(
        "sortition/letters.html",
        {
            "assembly": assembly,
            "letters": with_qr(letters, lambda code: registration_url(assembly, code, base_url)),
            "entry_url": registration_url(assembly, base_url=base_url),
        },
    )
