"""Reads of the desk: the queue, routing suggestions, an item by its tracking token."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast, overload

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from voorop.core import cache
from voorop.core.areas.models import Area, Theme
from voorop.loket.models import (
    DEFAULT_RESPONSE_DAYS,
    DeskItem,
    DeskItemTimelineEntry,
    DeskTask,
    EscalationStep,
    ResponseTarget,
    RoutingRule,
    Team,
)

if TYPE_CHECKING:
    from voorop.accounts.models import User


def response_days(kind: str) -> int:
    target = ResponseTarget.objects.filter(kind=kind).first()
    return target.working_days if target else DEFAULT_RESPONSE_DAYS


def overdue_condition() -> Q:
    """Open, not yet answered, and past its response date (indexed: loket_overdue_idx)."""
    return Q(awaiting_response=True, response_due__lt=timezone.localdate())


class QueueList:
    """The queue as two index-ordered segments: overdue items (most overdue first), then
    the rest (oldest first). Sorting every open item by a computed "overdue" flag would read
    the whole table on every page; this reads one page worth of rows. Paginator-compatible:
    a slice is a ``QueuePage``, whose desk items are made for showing only (not read from
    the database: not to be saved, and without the columns the queue does not show).
    """

    def __init__(
        self,
        items: QuerySet[DeskItem],
        overdue: QuerySet[DeskItem],
        criteria: tuple[object, ...] | None = None,
    ) -> None:
        self.items = items
        self.overdue = overdue.order_by("response_due", "created_at", "id")
        self.rest = items.exclude(overdue_condition()).order_by("created_at", "id")
        # With criteria, the two counts come from the shared cache (``queue_counts``).
        self.criteria = criteria
        self._counts: tuple[int, int] | None = None

    def _both(self) -> tuple[int, int]:
        if self._counts is None:

            def compute() -> tuple[int, int]:
                return self.items.count(), self.overdue.count()

            if self.criteria is None:
                self._counts = compute()
            else:
                self._counts = queue_counts(self.criteria, compute)
        return self._counts

    @property
    def overdue_count(self) -> int:
        return self._both()[1]

    def count(self) -> int:
        # The two segments split the whole selection, so its count is theirs together.
        return self._both()[0]

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> DeskItem: ...
    @overload
    def __getitem__(self, index: slice) -> QueuePage: ...
    def __getitem__(self, index: int | slice) -> DeskItem | QueuePage:
        if not isinstance(index, slice):
            return self.page(index, index + 1)[0]
        return self.page(index.start or 0, index.stop if index.stop is not None else self.count())

    def page(self, start: int, stop: int) -> QueuePage:
        split = self.overdue_count
        shown: list[tuple[Any, ...]] = []
        if start < split:
            segment = self.overdue[start : min(stop, split)]
            shown += [(*row, True) for row in segment.values_list(*SHOWN_COLUMNS)]
        if stop > split:
            segment = self.rest[max(start - split, 0) : stop - split]
            shown += [(*row, False) for row in segment.values_list(*SHOWN_COLUMNS)]
        return QueuePage(shown)


QUEUE_COLUMNS = (
    "reference",
    "kind",
    "is_safety",
    "title",
    "status",
    "created_at",
    "response_due",
    "first_response_at",
    "area__name",
    "theme__name",
    "theme__name_en",
    "assignee__display_name",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__deleted_at",
    "team__name",
)


# A row of the queue as plain values (issue 13): everything its line in the table shows and
# what its routing suggestion depends on, and whether it is overdue (the last value). Cheap to
# read and to compare: a page whose rows hold the same is served from the kept table
# (voorop.core.fragments) without making a desk item of any of them.
SHOWN_COLUMNS = ("id", "area_id", "theme_id", "assignee_id", "team_id", *QUEUE_COLUMNS)
_AREA, _THEME, _ASSIGNEE, _TEAM = (
    SHOWN_COLUMNS.index(name) for name in ("area_id", "theme_id", "assignee_id", "team_id")
)


class QueuePage(Sequence[DeskItem]):
    """One page of the queue: ``shown`` holds its rows as plain values; as a sequence it
    gives desk items made from those same values (with ``overdue`` set), so the table shows
    exactly what its key was made of."""

    def __init__(self, shown: list[tuple[Any, ...]]) -> None:
        self.shown = shown

    @cached_property
    def desk_items(self) -> list[DeskItem]:
        user_model = cast("type[User]", DeskItem._meta.get_field("assignee").related_model)
        return [_item_from(row, user_model) for row in self.shown]

    def __len__(self) -> int:
        return len(self.shown)

    @overload
    def __getitem__(self, index: int) -> DeskItem: ...
    @overload
    def __getitem__(self, index: slice) -> list[DeskItem]: ...
    def __getitem__(self, index: int | slice) -> DeskItem | list[DeskItem]:
        return self.desk_items[index]

    def suggestions(self, routing: RoutingTable) -> list[Route | None]:
        """Per row, where the routing rules would send it, if nobody holds it yet."""
        routes: list[Route | None] = []
        for row in self.shown:
            held = row[_ASSIGNEE] is not None or row[_TEAM] is not None
            routes.append(None if held else routing.route(row[_AREA], row[_THEME]))
        return routes


def _item_from(row: tuple[Any, ...], user_model: type[User]) -> DeskItem:
    """A desk item for showing in the queue, with its area, theme, contact person and team,
    made of a row of ``QueuePage.shown`` (the account model comes through the field: the
    desk reads no other app's models)."""
    values = dict(zip((*SHOWN_COLUMNS, "overdue"), row, strict=True))
    item = DeskItem(
        **{name: values[name] for name in SHOWN_COLUMNS if "__" not in name},
    )
    item.overdue = values["overdue"]
    if values["area_id"] is not None:
        item.area = Area(id=values["area_id"], name=values["area__name"])
    if values["theme_id"] is not None:
        item.theme = Theme(
            id=values["theme_id"], name=values["theme__name"], name_en=values["theme__name_en"]
        )
    if values["assignee_id"] is not None:
        item.assignee = user_model(
            id=values["assignee_id"],
            display_name=values["assignee__display_name"],
            first_name=values["assignee__first_name"],
            last_name=values["assignee__last_name"],
            deleted_at=values["assignee__deleted_at"],
        )
    if values["team_id"] is not None:
        item.team = Team(id=values["team_id"], name=values["team__name"])
    return item


def queue(
    *,
    area: Area | None = None,
    theme_id: int | None = None,
    kind: str = "",
    status: str = "open",
    assignee: str = "",
    user: Any = None,
    overdue_only: bool = False,
) -> QueueList:
    """The work queue: overdue items first (most overdue first), then oldest first."""
    from voorop.core.areas.selectors import area_with_descendants

    # A page reads only what the table shows, as plain values (QueueList.page, issue 13).
    items = DeskItem.objects.all()
    if status and status != "open":
        items = items.filter(status=status)
    if area is not None:
        items = items.filter(
            area__in=list(area_with_descendants(area).values_list("pk", flat=True))
        )
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
    # Overdue implies open: leaving is_open out of that segment lets the database use the
    # overdue index instead of the open one.
    overdue = items.filter(overdue_condition())
    if status == "open":
        items = items.filter(is_open=True)
    criteria = (
        getattr(area, "pk", None),
        theme_id,
        kind,
        status,
        assignee,
        getattr(user, "pk", None) if assignee == "me" else None,
        overdue_only,
    )
    return QueueList(items, overdue, criteria)


# Issue 13: the queue's two counts (items, overdue) per filter are kept in the shared cache,
# so a page of the queue reads one page of rows and no whole-table count. Any change of a
# desk item (every one writes a timeline line, services._common._event) renews the version
# of the queue's data, and counts made from an older version are made anew; the timeout
# covers a change made without one.
COUNTS_TIMEOUT = 300
QUEUE_DATA = "loket.queue"


def queue_counts(
    criteria: tuple[object, ...], compute: Callable[[], tuple[int, int]]
) -> tuple[int, int]:
    return cache.remember_current(
        "loket.queue_counts",
        timezone.localdate().isoformat(),  # overdue is a matter of today's date
        criteria,
        data=QUEUE_DATA,
        compute=compute,
        timeout=COUNTS_TIMEOUT,
    )


def queue_changed() -> None:
    """A desk item changed: the queue's cached counts start over (at the next look at the
    queue: items change more often than the queue is looked at)."""
    cache.renew_at_next_read(QUEUE_DATA)


def item_by_token(token: str) -> DeskItem | None:
    if not token or len(token) > 100:
        return None
    return (
        DeskItem.objects.select_related("area", "theme")
        .filter(tracking_token_hash=DeskItem.hash_token(token))
        .first()
    )


def public_events(item: DeskItem) -> QuerySet[DeskItemTimelineEntry]:
    return item.timeline.filter(public=True).select_related("actor")


def open_tasks_for(user: Any) -> QuerySet[DeskTask]:
    """Calls and letters still to do: the user's own, and those nobody holds yet, with only
    what the queue's task list shows of their items (not the items' descriptions)."""
    return (
        DeskTask.objects.filter(done_at__isnull=True)
        .filter(Q(assignee=user) | Q(assignee__isnull=True))
        .select_related("item")
        .only(
            "kind",
            "text",
            "created_at",
            "item__reference",
            "item__title",
            "item__contact_name",
            "item__contact_phone",
            "item__contact_address",
        )
        .order_by("created_at", "pk")
    )


def items_submitted_by(user: Any) -> QuerySet[DeskItem]:
    return DeskItem.objects.filter(submitter=user).order_by("-created_at")


@dataclass(frozen=True)
class Route:
    contact: User | None
    team: Team | None
    rule: RoutingRule

    @property
    def label(self) -> str:
        return str(self.contact.public_name if self.contact else self.team)


class RoutingTable:
    """All routing rules and the area tree in memory, so a queue page of fifty items asks
    the database twice instead of fifty times, and not at all when every item on it is
    held by someone already (both are read at the first route asked)."""

    @cached_property
    def parents(self) -> dict[int, int | None]:
        return dict(Area.objects.values_list("id", "parent_id"))

    @cached_property
    def rules(self) -> dict[tuple[int | None, int | None], RoutingRule]:
        # The contact person's name fields only (Route.label), not their whole account row.
        rules = RoutingRule.objects.select_related("contact", "team").only(
            "theme_id",
            "area_id",
            *(f"contact__{name}" for name in get_user_model().PUBLIC_NAME_FIELDS),
            "team__name",
        )
        return {(rule.theme_id, rule.area_id): rule for rule in rules}

    @cached_property
    def _routes(self) -> dict[tuple[int | None, int | None], Route | None]:
        return {}

    def _area_chain(self, area_id: int | None) -> list[int | None]:
        chain, seen = [], set()
        while area_id is not None and area_id not in seen:
            seen.add(area_id)
            chain.append(area_id)
            area_id = self.parents.get(area_id)
        return [*chain, None]

    def suggest(self, item: DeskItem) -> Route | None:
        return self.route(item.area_id, item.theme_id)

    def route(self, area_id: int | None, theme_id: int | None) -> Route | None:
        # Fifty rows of a page share a few areas and themes: each pair is routed once.
        key = (area_id, theme_id)
        if key not in self._routes:
            self._routes[key] = self._route(area_id, theme_id)
        return self._routes[key]

    def _route(self, area_id: int | None, theme_id: int | None) -> Route | None:
        # Most specific first: the theme in the item's own area, up the area tree; then the
        # area alone, up the tree; then the theme anywhere; then the fallback rule.
        chain = self._area_chain(area_id)
        candidates = [(theme_id, a) for a in chain if theme_id] + [(None, a) for a in chain]
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


def overdue_count() -> int:
    """How many items wait longer than their response target (over the whole desk), from
    the shared cache like the queue's own counts."""

    def compute() -> tuple[int, int]:
        return 0, DeskItem.objects.filter(overdue_condition()).count()  # index-only

    return queue_counts(("all-overdue",), compute)[1]
