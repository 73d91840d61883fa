"""Stages: setting up a round, proposals and review. Which rounds a procesbegeleider runs,
the list of rounds, and a round's proposals (all of them, or those on the ballot).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from voorop.budgeting.models import AreaBudgetHolder, BudgetRound, Proposal, ProposalStatus
from voorop.budgeting.types import Actor, signed_in
from voorop.core import cache
from voorop.core.areas.selectors import area_with_descendants

if TYPE_CHECKING:
    from voorop.accounts.models import User
    from voorop.core.areas.models import Area


@dataclass(frozen=True)
class HeldAreas:
    """The areas whose rounds a procesbegeleider runs: ``everything`` while they hold no
    area; else the areas they hold and every area inside them."""

    everything: bool
    area_ids: frozenset[int] = frozenset()
    municipality: bool = False  # holds a top area: whole-municipality rounds too

    def covers(self, area: Area | int | None) -> bool:
        if self.everything:
            return True
        if area is None:
            return self.municipality
        return getattr(area, "pk", area) in self.area_ids


def held_areas(user: Actor) -> HeldAreas:
    """Cached on the user object for the request."""
    holder = signed_in(user)
    if holder is None:
        return HeldAreas(everything=True)
    # The instance's own __dict__: a per-request cache that typed code may hold.
    cached = holder.__dict__.get("_budget_held_areas")
    if cached is not None:
        return cached
    holdings = list(AreaBudgetHolder.objects.filter(user=holder).select_related("area"))
    if not holdings:
        held = HeldAreas(everything=True)
    else:
        ids: set[int] = set()
        for holding in holdings:
            ids.update(area_with_descendants(holding.area).values_list("pk", flat=True))
        held = HeldAreas(
            everything=False,
            area_ids=frozenset(ids),
            municipality=any(h.area.parent_id is None for h in holdings),
        )
    holder.__dict__["_budget_held_areas"] = held
    return held


def area_holders(area: Area | None) -> list[User]:
    """The procesbegeleiders who hold this area or an area above it (for the manage page)."""
    if area is None:
        holdings = AreaBudgetHolder.objects.filter(area__parent__isnull=True)
    else:
        ids: list[int] = []
        node: Area | None = area
        while node is not None:
            ids.append(node.pk)
            node = node.parent
        holdings = AreaBudgetHolder.objects.filter(area_id__in=ids)
    # Their names (User.public_name), not their whole account rows.
    names = [f"user__{name}" for name in ("is_active", *get_user_model().PUBLIC_NAME_FIELDS)]
    holdings = holdings.select_related("user").only("user_id", *names).order_by("user__pk")
    users = {h.user_id: h.user for h in holdings}
    return [user for user in users.values() if user.is_active]


def rounds_list() -> QuerySet[BudgetRound]:
    return BudgetRound.objects.select_related("area").annotate(
        proposal_count=Count("proposals", filter=Q(proposals__status=ProposalStatus.APPROVED))
    )


def rounds_taking_proposals() -> QuerySet[BudgetRound]:
    """Rounds whose phase takes proposals now (for other apps that carry a plan into a
    round, e.g. a pitch battle's entry)."""
    from voorop.budgeting.phases import BUDGET_ROUND, Action

    return BudgetRound.objects.filter(BUDGET_ROUND.q_allowing(Action.SUBMIT_PROPOSAL)).order_by(
        "title", "pk"
    )


def round_proposals(budget_round: BudgetRound, *, status: str | None = None) -> QuerySet[Proposal]:
    qs = budget_round.proposals.select_related("area", "theme", "author", "initiative")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("title", "id")


def proposals_to_manage(budget_round: BudgetRound, *, waiting: bool) -> QuerySet[Proposal]:
    """The round's proposals on its admin page: those waiting for review, or the reviewed
    ones. Only the columns that page shows (issue 13): not every column of each proposal's
    area, theme, author and initiative."""
    qs = budget_round.proposals.only(
        "round", "title", "cost_estimate", "cost", "status", "created_at"
    )
    if waiting:
        qs = qs.filter(status=ProposalStatus.SUBMITTED)
    else:
        qs = qs.exclude(status=ProposalStatus.SUBMITTED)
    return qs.order_by("title", "id")


BALLOT_PROPOSALS = "budgeting.ballot_proposals"


def ballot_proposals(budget_round: BudgetRound) -> list[Proposal]:
    """The proposals on the ballot, in a fixed order (by title). Read on every ballot page
    and cast, so kept in the shared cache (issue 13) and forgotten by the services that
    change a proposal (``ballot_proposals_changed``); the timeout covers an edit in the
    back office.

    Kept without their round and author (review): through the round manager each proposal
    would carry the round object, with whatever was cached on it (the latest result), and
    the author's account row (password hash included) into the shared cache, and the result
    mail would go by an author's address up to five minutes old. Whoever needs the author
    reads it when they do."""
    return cache.remember(
        BALLOT_PROPOSALS,
        budget_round.pk,
        compute=lambda: list(
            Proposal.objects.filter(round_id=budget_round.pk, status=ProposalStatus.APPROVED)
            .select_related("area", "theme", "initiative")
            .order_by("title", "id")
        ),
        timeout=300,
    )


def ballot_proposals_changed(round_pk: int) -> None:
    """A proposal of the round changed: forget its ballot now and once the change is
    committed (a page read in between must not keep the old one)."""
    cache.forget(BALLOT_PROPOSALS, round_pk)
    transaction.on_commit(lambda: cache.forget(BALLOT_PROPOSALS, round_pk))


def letter_dates_changed(before: BudgetRound, after: BudgetRound) -> bool:
    """Letters with voting codes were made, and the voting dates printed on them (opening
    and closing of voting) are no longer the round's: residents must be told (issue 14.7)."""
    moved = (before.voting_from, before.voting_until) != (after.voting_from, after.voting_until)
    return moved and after.code_batches.exists()


# The version of a round's public pages (voorop.core.cache.version, with the round's id):
# the services renew it when the round, its proposals or its result change (decision 0015).
ROUND_PAGES = "budgeting.round"
# While a result is being computed, its page is kept this long at most (the job's status
# changes without a service of ours in between).
PENDING_RESULT_SECONDS = 10


def round_pages_change_at(pk: int) -> datetime | None:
    """When a round's public pages change by time alone: the next phase starts (by its
    dates), or a result being computed may be done."""
    budget_round = BudgetRound.objects.filter(pk=pk).first()
    if budget_round is None:
        return None
    now = timezone.now()
    moments = [
        moment
        for row in budget_round.schedule()
        for moment in (row["starts"], row["ends"])
        if moment is not None and moment > now
    ]
    from voorop.budgeting.selectors.results import latest_result

    result = latest_result(budget_round)
    if result is not None and not result.is_done:
        moments.append(now + timedelta(seconds=PENDING_RESULT_SECONDS))
    return min(moments, default=None)


# Issue 13: the round admin page counts ballots and codes (tens of thousands) from the
# shared cache: the ballots for a minute, the codes until a batch of letters changes.
ROUND_COUNTS_TIMEOUT = 60


def round_counts(budget_round: BudgetRound, batches: list) -> dict[str, int]:
    """``ballot_count`` and ``code_count`` for the round admin page."""
    state = tuple((batch.pk, batch.status, batch.letters_deleted_at) for batch in batches)
    code_count, ballot_count = cache.remember_all(
        cache.Entry(
            namespace="budgeting.code_count",
            parts=(budget_round.pk, state),
            compute=budget_round.voting_codes.count,
            timeout=3600,
        ),
        cache.Entry(
            namespace="budgeting.ballot_count",
            parts=(budget_round.pk,),
            compute=budget_round.ballots.count,
            timeout=ROUND_COUNTS_TIMEOUT,
        ),
    )
    return {"code_count": code_count, "ballot_count": ballot_count}
