"""The letters with voting codes: one A4 page per address, with the code and a QR code that
opens the code page with the code filled in (`voorop.core.letters`); nothing is stored."""

from __future__ import annotations

from django.urls import reverse

from voorop.budgeting.models import BudgetRound
from voorop.core.letters import public_url, render_pdf, with_qr


def code_url(budget_round: BudgetRound, code: str = "", base_url: str = "") -> str:
    path = reverse("budgeting:code", args=[budget_round.pk])
    return public_url(path, base_url=base_url, query={"code": code} if code else None)


def letters_pdf(
    budget_round: BudgetRound, letters: list[dict[str, str]], *, base_url: str = ""
) -> bytes:
    return render_pdf(
        "budgeting/letters.html",
        {
            "round": budget_round,
            "letters": with_qr(letters, lambda code: code_url(budget_round, code, base_url)),
            "entry_url": code_url(budget_round, base_url=base_url),
        },
    )
