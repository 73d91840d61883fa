"""Reads of initiatives, with visibility built in. Views never filter initiatives themselves."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from voorop.accounts.roles import Role, role_names
from voorop.core import cache
from voorop.core.areas.models import Area, Theme
from voorop.core.areas.selectors import area_with_descendants
from voorop.initiatives.models import (
    PUBLIC_STATUSES,
    Initiative,
    InitiativeTimelineEntry,
    Membership,
    Status,
    Support,
    Update,
)

# The version of everything public about initiatives (voorop.core.cache.version): the
# services renew it on every change, the gallery and the initiative pages are kept under it.
PUBLIC_PAGES = "initiatives.public"

STAFF_SEES_DRAFTS = frozenset({Role.LOKETMEDEWERKER, Role.PROCESBEGELEIDER, Role.BEHEERDER})


def initiatives_visible_to(user: Any) -> QuerySet[Initiative]:
    """Public initiatives for everyone; drafts only for their owners and members and for the
    staff who work with initiatives (desk, process facilitators, administrators)."""
    initiatives = Initiative.objects.all()
    if role_names(user) & STAFF_SEES_DRAFTS:
        return initiatives
    public = Q(status__in=PUBLIC_STATUSES)
    if getattr(user, "is_authenticated", False):
        public |= Q(pk__in=Membership.objects.filter(user=user).values("initiative_id"))
    return initiatives.filter(public)


def initiatives_public() -> QuerySet[Initiative]:
    return Initiative.objects.filter(status__in=PUBLIC_STATUSES)


ORDERINGS = {
    "newest": ("-created_at", "-pk"),
    "support": ("-support_count", "-created_at", "-pk"),
    "title": ("title", "pk"),
}


GALLERY_FIELDS = (
    "id",
    "title",
    "summary",
    "status",
    "support_count",
    "created_at",
    "ladder_step",
    "ownership_type",
    "is_experiment",
    "experiment_mode",
)


def initiatives_for_gallery(
    *,
    area: Area | None = None,
    theme: Theme | None = None,
    ladder_step: str = "",
    status: str = "",
    ownership_type: str = "",
    search: str = "",
    order: str = "newest",
) -> QuerySet[Initiative]:
    """The public gallery: filtered, searched, ordered, with areas and themes prefetched.

    Filtering on an area includes everything below it (a kern and its wijken)."""
    initiatives = initiatives_public()
    if area is not None:
        initiatives = initiatives.filter(
            pk__in=Initiative.areas.through.objects.filter(
                area__in=area_with_descendants(area)
            ).values("initiative_id")
        )
    if theme is not None:
        initiatives = initiatives.filter(
            pk__in=Initiative.themes.through.objects.filter(theme=theme).values("initiative_id")
        )
    if ladder_step:
        initiatives = initiatives.filter(ladder_step=ladder_step)
    if status:
        initiatives = initiatives.filter(status=status)
    if ownership_type:
        initiatives = initiatives.filter(ownership_type=ownership_type)
    for word in search.split()[:8]:
        initiatives = initiatives.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word)
        )
    # A gallery card needs only these; the long texts stay in the database.
    return (
        initiatives.order_by(*ORDERINGS.get(order, ORDERINGS["newest"]))
        .only(*GALLERY_FIELDS)
        .prefetch_related("areas", "themes")
    )


def initiatives_of(user: Any) -> QuerySet[Initiative]:
    """The initiatives the user owns or is a member of, drafts included."""
    if not getattr(user, "is_authenticated", False):
        return Initiative.objects.none()
    return (
        Initiative.objects.filter(memberships__user=user)
        .distinct()
        .order_by("-updated_at", "-pk")
        .prefetch_related("areas", "themes")
    )


def initiatives_needing_attention() -> dict[str, QuerySet[Initiative]]:
    """For staff: submitted initiatives nobody facilitates yet, and paused ones."""
    base = Initiative.objects.prefetch_related("areas", "themes").order_by("created_at", "pk")
    return {
        "unassigned": base.filter(status=Status.SUBMITTED)
        .annotate(facilitator_count=Count("facilitators"))
        .filter(facilitator_count=0),
        "paused": base.filter(status=Status.PAUSED),
    }


def initiative_for_page(pk: int, *, user: Any) -> Initiative:
    """One initiative the user may see, with everything its page shows, in a few queries.

    Raises Initiative.DoesNotExist when it does not exist or the user may not see it."""
    return (
        initiatives_visible_to(user)
        .prefetch_related(
            "areas",
            "themes",
            "facilitators",
            "scenarios",
            Prefetch("memberships", queryset=Membership.objects.select_related("user")),
        )
        .get(pk=pk)
    )


def updates_of(initiative: Initiative) -> QuerySet[Update]:
    """The initiative's updates, newest first, one page at a time (the page pages them)."""
    return (
        Update.objects.filter(initiative=initiative)
        .select_related("author")
        .prefetch_related("photos")
        .order_by("-created_at", "-pk")
    )


def timeline_of(initiative: Initiative) -> QuerySet[InitiativeTimelineEntry]:
    """The initiative's public timeline, oldest first (it reads as a story)."""
    return InitiativeTimelineEntry.objects.filter(initiative=initiative).for_timeline()


def supporters_shown(initiative: Initiative) -> QuerySet[Support]:
    """Supports of residents who chose to show their name."""
    return (
        initiative.supports.filter(show_name=True, user__deleted_at__isnull=True)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def support_of(*, initiative: Initiative, user: Any) -> Support | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return initiative.supports.filter(user=user).first()


def similar_initiatives(initiative: Initiative, *, limit: int = 3) -> list[Initiative]:
    """Public initiatives elsewhere that share a theme ("sociale vergelijking"): in none of
    this initiative's areas, the most advanced and best supported first. Kept in the shared
    cache until an initiative changes (the search reads the whole table)."""
    return cache.remember(
        "initiatives.similar",
        initiative.pk,
        limit,
        cache.version(PUBLIC_PAGES),
        compute=lambda: _similar_initiatives(initiative, limit=limit),
    )


def _similar_initiatives(initiative: Initiative, *, limit: int) -> list[Initiative]:
    theme_ids = [theme.pk for theme in initiative.themes.all()]
    if not theme_ids:
        return []
    area_ids = [area.pk for area in initiative.areas.all()]
    through = Initiative.themes.through.objects.filter(theme_id__in=theme_ids)
    candidates = (
        initiatives_public()
        .exclude(pk=initiative.pk)
        .filter(pk__in=through.values("initiative_id"))
        .exclude(
            pk__in=Initiative.areas.through.objects.filter(area_id__in=area_ids).values(
                "initiative_id"
            )
        )
        .exclude(status=Status.STOPPED)
        .only(*GALLERY_FIELDS)
        .prefetch_related("areas", "themes")
    )
    rank: dict[str, int] = {Status.COMPLETED: 0, Status.RUNNING: 1}
    found = sorted(
        candidates.order_by("-support_count", "-pk")[: limit * 4],
        key=lambda other: (rank.get(other.status, 2), -other.support_count),
    )
    return found[:limit]


def experiments_public() -> QuerySet[Initiative]:
    """Public initiatives in experiment mode (monitoring lists them with their lessons)."""
    return initiatives_public().filter(is_experiment=True).order_by("-created_at", "-pk")
