"""Reads of area councils: the list, the current members, meetings, agenda items, the
area's budget rounds (budgeting's selectors) and the council's make-up against the area's
population (the draw's figures through voorop.core.population, when members were drawn by
lot)."""

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
from voorop.core import population
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


def waiting_items_of(council: AreaCouncil, user: Any) -> QuerySet[AgendaItem]:
    """The items this resident put forward that wait for an answer (they may withdraw them)."""
    if not getattr(user, "is_authenticated", False):
        return council.agenda_items.none()
    return council.agenda_items.filter(proposer=user, status=AgendaItemStatus.PROPOSED)


def agenda_of(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The items on a meeting's agenda (not the withdrawn ones)."""
    return meeting.items.exclude(status=AgendaItemStatus.WITHDRAWN)


def answered_items(council: AreaCouncil) -> QuerySet[AgendaItem]:
    return (
        council.agenda_items.filter(proposer__isnull=False)
        .exclude(status__in=[AgendaItemStatus.PROPOSED, AgendaItemStatus.WITHDRAWN])
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
    members were drawn by lot:

    - ``table``: where the draw has population figures, the current members drawn by lot
      against the area's population per feature value, with the gaps (the shared
      computation of ``voorop.core.population``, as the citizens' panel uses it);
    - ``population``: otherwise, as before, sortition's own composition of the draw."""

    chosen_by: list[tuple[str, int]] = field(default_factory=list)
    roles: list[tuple[str, int]] = field(default_factory=list)
    table: list[list[population.ValueMakeup]] = field(default_factory=list)
    population: list[dict[str, Any]] = field(default_factory=list)


def population_figures(council: AreaCouncil) -> dict[tuple[str, str], int | None]:
    """The area's population per feature value, as the council's draw holds them."""
    if council.draw is None:
        return {}
    return {(q.feature, q.value): q.population for q in sortition.quota_rows(council.draw)}


def drawn_member_counts(council: AreaCouncil) -> dict[tuple[str, str], int]:
    """Current members seated from the draw, per (feature, value), read from the draw's
    respondents by the pseudonym each member was seated as."""
    if council.draw is None:
        return {}
    seated = list(current_members(council).exclude(drawn_as="").values_list("drawn_as", flat=True))
    counts: dict[tuple[str, str], int] = {}
    features_of = (
        sortition.respondents(council.draw)
        .filter(pseudonym__in=seated)
        .values_list("features", flat=True)
    )
    for features in features_of:
        for name, value in features.items():
            counts[(name, value)] = counts.get((name, value), 0) + 1
    return counts


def council_make_up(council: AreaCouncil) -> MakeUp:
    members = list(current_members(council))
    chosen = Counter(member.get_chosen_by_display() for member in members)
    roles = Counter(member.get_role_display() for member in members)
    make_up = MakeUp(chosen_by=sorted(chosen.items()), roles=sorted(roles.items()))
    if council.draw is None:
        return make_up
    figures = population_figures(council)
    if any(figure is not None for figure in figures.values()):
        make_up.table = population.makeup(
            council.draw.features, drawn_member_counts(council), figures
        )
    else:
        make_up.population = sortition.composition(council.draw)
    return make_up
