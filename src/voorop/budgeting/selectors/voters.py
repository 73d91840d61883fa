"""Stages: who may vote, and voting. Whether an account may vote in a round (and why not, in
plain words), the residents the municipality checked, a code voter's code, and a voter's own
ballot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Protocol

from django.db import connections, router
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.budgeting.models import Ballot, BudgetRound, ResidentVerification, VotingCode
from voorop.budgeting.types import Actor, signed_in
from voorop.core.areas.selectors import area_with_descendants
from voorop.core.rows import from_row


class EligibilityScope(Protocol):
    """What the check of where residents live needs of a process: a budget round, or any
    other process residents take part in the same way (a savings dialogue)."""

    area: Any
    min_age: int

    @property
    def area_label(self) -> str: ...

    @property
    def voting_from(self) -> datetime: ...


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reason: str  # "", "anonymous", "not_verified", "wrong_area", "too_young"
    verification: ResidentVerification | None = None


def eligibility(user: Actor, budget_round: BudgetRound | EligibilityScope) -> Eligibility:
    """Whether an account may vote in the round, and if not, why (in plain words later)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Eligibility(False, "anonymous")
    verification = ResidentVerification.objects.filter(user=user).select_related("area").first()
    if verification is None:
        return Eligibility(False, "not_verified")
    if budget_round.area is not None:
        allowed = area_with_descendants(budget_round.area).filter(pk=verification.area_id)
        if not allowed.exists():
            return Eligibility(False, "wrong_area", verification)
    age = timezone.localdate(budget_round.voting_from).year - verification.birth_year
    if age < budget_round.min_age:
        return Eligibility(False, "too_young", verification)
    return Eligibility(True, "", verification)


ELIGIBILITY_TEXT: dict[str, Callable[[Any], str]] = {
    "anonymous": lambda r: _("Log in to vote with your account."),
    "not_verified": lambda r: _(
        "The municipality has not yet checked where you live. Go to the desk in the town "
        "hall with your ID, or use the voting code from your letter."
    ),
    "wrong_area": lambda r: (
        _("This vote is only for residents of %(area)s.") % {"area": r.area_label}
    ),
    "too_young": lambda r: (
        _("This vote is for residents aged %(age)s and over.") % {"age": r.min_age}
    ),
}


def eligibility_text(result: Eligibility, budget_round: BudgetRound | EligibilityScope) -> str:
    text = ELIGIBILITY_TEXT.get(result.reason)
    return text(budget_round) if text else ""


def code_with_round(code_id: int, round_id: int) -> VotingCode | None:
    """The voting code with this id in this round, with its round: read on every ballot by
    code (and its page and receipt), so written out as one statement, not built by the ORM
    each time (issue 13, decision 0025). None when there is no such code in that round."""
    using = router.db_for_read(VotingCode)
    connection = connections[using]
    code_fields, round_fields, sql = _code_with_round_statement(using)
    with connection.cursor() as cursor:
        cursor.execute(sql, [code_id, round_id])
        row = cursor.fetchone()
    if row is None:
        return None
    count = len(code_fields)
    code = from_row(VotingCode, code_fields, row[:count], using=using)
    code.round = from_row(BudgetRound, round_fields, row[count:], using=using)
    return code


@cache
def _code_with_round_statement(using: str) -> tuple[list[Any], list[Any], str]:
    quote = connections[using].ops.quote_name
    code_fields = list(VotingCode._meta.concrete_fields)
    round_fields = list(BudgetRound._meta.concrete_fields)
    code_round = quote(VotingCode._meta.get_field("round").column)
    columns = ", ".join(
        [f"c.{quote(field.column)}" for field in code_fields]
        + [f"r.{quote(field.column)}" for field in round_fields]
    )
    sql = (
        f"SELECT {columns} FROM {quote(VotingCode._meta.db_table)} c "  # noqa: S608 - the models' own names
        f"JOIN {quote(BudgetRound._meta.db_table)} r "
        f"ON r.{quote(BudgetRound._meta.pk.column)} = c.{code_round} "
        f"WHERE c.{quote(VotingCode._meta.pk.column)} = %s AND c.{code_round} = %s"
    )
    return code_fields, round_fields, sql


def ballot_of(user: Actor, budget_round: BudgetRound) -> Ballot | None:
    voter = signed_in(user)
    if voter is None:
        return None
    return Ballot.objects.filter(round=budget_round, voter=voter).first()


def ballot_for_code(code: VotingCode | None) -> Ballot | None:
    return Ballot.objects.filter(voting_code=code).first()


def verifications() -> QuerySet[ResidentVerification]:
    return ResidentVerification.objects.select_related("user", "area", "verified_by").order_by(
        "-verified_at"
    )
