"""Reads of the desk: the queue, routing suggestions, an item by its tracking token."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from voorop.areas.models import Area
from voorop.loket.models import (
    DEFAULT_RESPONSE_DAYS,
    OPEN_STATUSES,
    DeskItem,
    EscalationStep,
    ItemStatus,
    ResponseTarget,
    RoutingRule,
)


def response_days(kind: str) -> int:
    target = ResponseTarget.objects.filter(kind=kind).first()
    return target.working_days if target else DEFAULT_RESPONSE_DAYS


def overdue_condition() -> Q:
    return Q(
        first_response_at__isnull=True,
        status__in=OPEN_STATUSES,
        response_due__lt=timezone.localdate(),
    )


def queue(
    *,
    area: Area | None = None,
    theme_id: int | None = None,
    kind: str = "",
    status: str = "open",
    assignee: str = "",
    user: object = None,
    overdue_only: bool = False,
) -> QuerySet[DeskItem]:
    """The work queue: overdue items first, then oldest first."""
    from voorop.areas.selectors import area_with_descendants

    items = DeskItem.objects.select_related("area", "theme", "assignee", "team").annotate(
        overdue=Case(
            When(overdue_condition(), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    if status == "open":
        items = items.filter(status__in=OPEN_STATUSES)
    elif status:
        items = items.filter(status=status)
    if area is not None:
        items = items.filter(area__in=area_with_descendants(area))
    if theme_id:
        items = items.filter(theme_id=theme_id)
    if kind:
        items = items.filter(kind=kind)
    if assignee == "me" and user is not None:
        items = items.filter(Q(assignee=user) | Q(team__members=user)).distinct()
    elif assignee == "none":
        items = items.filter(assignee__isnull=True, team__isnull=True)
    elif assignee.isdigit():
        items = items.filter(assignee_id=int(assignee))
    if overdue_only:
        items = items.filter(overdue_condition())
    return items.order_by("-overdue", "created_at", "id")


def item_by_token(token: str) -> DeskItem | None:
    if not token or len(token) > 100:
        return None
    return (
        DeskItem.objects.select_related("area", "theme")
        .filter(tracking_token_hash=DeskItem.hash_token(token))
        .first()
    )


def public_events(item: DeskItem):
    return item.events.filter(public=True).select_related("actor")


def items_submitted_by(user: object) -> QuerySet[DeskItem]:
    return DeskItem.objects.filter(submitter=user).order_by("-created_at")


@dataclass(frozen=True)
class Route:
    contact: object
    team: object
    rule: RoutingRule

    @property
    def label(self) -> str:
        return str(self.contact.public_name if self.contact else self.team)


class RoutingTable:
    """All routing rules and the area tree in memory, so a queue page of fifty items asks
    the database twice instead of fifty times."""

    def __init__(self) -> None:
        self.parents = dict(Area.objects.values_list("id", "parent_id"))
        self.rules = {
            (rule.theme_id, rule.area_id): rule
            for rule in RoutingRule.objects.select_related("contact", "team")
        }

    def _area_chain(self, area_id: int | None) -> list[int | None]:
        chain, seen = [], set()
        while area_id is not None and area_id not in seen:
            seen.add(area_id)
            chain.append(area_id)
            area_id = self.parents.get(area_id)
        return [*chain, None]

    def suggest(self, item: DeskItem) -> Route | None:
        # Most specific first: the theme in the item's own area, up the area tree; then the
        # area alone, up the tree; then the theme anywhere; then the fallback rule.
        chain = self._area_chain(item.area_id)
        candidates = [(item.theme_id, a) for a in chain if item.theme_id] + [
            (None, a) for a in chain
        ]
        for key in candidates:
            rule = self.rules.get(key)
            if rule is not None:
                return Route(contact=rule.contact, team=rule.team, rule=rule)
        return None


def suggest_route(item: DeskItem) -> Route | None:
    return RoutingTable().suggest(item)


def escalation_ladder(area: Area | None) -> list[EscalationStep]:
    """The ladder of the item's area or, failing that, of the nearest area above it."""
    while area is not None:
        steps = list(area.escalation_steps.select_related("contact", "team").order_by("level"))
        if steps:
            return steps
        area = area.parent
    return []


def status_counts() -> dict[str, int]:
    from django.db.models import Count

    counts = dict(
        DeskItem.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    counts["overdue"] = DeskItem.objects.filter(overdue_condition()).count()
    return counts


__all__ = ["ItemStatus", "RoutingTable", "queue", "suggest_route"]
