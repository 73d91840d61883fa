"""Reads of area councils: the list, the current members, meetings, agenda items, the
area's budget rounds (budgeting's selectors) and the council's make-up against the area's
population (sortition's figures, when members were drawn by lot)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from voorop.budgeting import selectors as budgeting
from voorop.community.models import (
    AgendaItem,
    AgendaItemStatus,
    AreaCouncil,
    CouncilMember,
    Meeting,
)
from voorop.core.areas.selectors import area_with_descendants
from voorop.sortition import selectors as sortition


def councils_list() -> QuerySet[AreaCouncil]:
    return AreaCouncil.objects.select_related("area").order_by("name")


def current_members(council: AreaCouncil) -> QuerySet[CouncilMember]:
    today = timezone.localdate()
    return council.members.filter(term_start__lte=today).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=today)
    )


def meetings_of(council: AreaCouncil) -> QuerySet[Meeting]:
    return council.meetings.all()


def open_items(council: AreaCouncil) -> QuerySet[AgendaItem]:
    """Items residents put forward that the council has not answered yet."""
    return council.agenda_items.filter(status=AgendaItemStatus.PROPOSED).select_related("proposer")


def answered_items(council: AreaCouncil) -> QuerySet[AgendaItem]:
    return (
        council.agenda_items.filter(proposer__isnull=False)
        .exclude(status=AgendaItemStatus.PROPOSED)
        .select_related("meeting")
        .order_by("-answered_at", "-pk")
    )


@dataclass
class CouncilBudget:
    rounds: list[Any]
    holders: list[Any]


def council_budget(council: AreaCouncil) -> CouncilBudget:
    """The budget rounds of the council's area (and the areas in it), and who holds the
    area's budget: read through budgeting's selectors."""
    areas = area_with_descendants(council.area)
    rounds = list(budgeting.rounds_list().filter(area__in=areas).order_by("-pk")[:10])
    return CouncilBudget(rounds=rounds, holders=budgeting.area_holders(council.area))


@dataclass
class MakeUp:
    """How the council is made up: by how members were chosen and by role; and, when
    members were drawn by lot, the drawn group against the area's population per feature
    (sortition's own composition)."""

    chosen_by: list[tuple[str, int]] = field(default_factory=list)
    roles: list[tuple[str, int]] = field(default_factory=list)
    population: list[dict[str, Any]] = field(default_factory=list)


def council_make_up(council: AreaCouncil) -> MakeUp:
    members = list(current_members(council))
    chosen = Counter(member.get_chosen_by_display() for member in members)
    roles = Counter(member.get_role_display() for member in members)
    population = sortition.composition(council.draw) if council.draw_id else []
    return MakeUp(
        chosen_by=sorted(chosen.items()),
        roles=sorted(roles.items()),
        population=population,
    )
