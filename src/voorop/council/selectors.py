"""Reads for the council's instruments, with visibility built in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from voorop.core.base import LadderStep
from voorop.council.anchors import content_type_of
from voorop.council.models import (
    AnchorPointJudgement,
    AnchorPointResponse,
    CouncilDecision,
    Dossier,
    DossierStatus,
    Event,
    EventSignUp,
    Reflection,
    SignUpStatus,
)


def dossiers_visible_to(user: Any) -> QuerySet[Dossier]:
    return Dossier.objects.select_related("area", "theme").annotate(
        anchor_point_count=Count("anchor_points", distinct=True)
    )


def dossiers_open_to_contributions(*, keep: int | None = None) -> QuerySet[Dossier]:
    """Dossiers a contribution (a challenge, ...) may belong to: the open ones, and `keep`,
    the one it already belongs to, so that editing it never drops the link."""
    return Dossier.objects.filter(Q(status=DossierStatus.OPEN) | Q(pk=keep or 0))


def decisions_visible_to(user: Any) -> QuerySet[CouncilDecision]:
    qs = CouncilDecision.objects.select_related("dossier", "reflection")
    if user.has_perm("council.manage_decisions") or user.has_perm("council.reflect"):
        return qs
    return qs.filter(published_at__isnull=False)


def anchor_points_for(contribution: Any) -> list[dict[str, Any]]:
    """Each anchor point of the contribution's dossier with its response and judgement."""
    dossier = getattr(contribution, "dossier", None)
    if dossier is None:
        return []
    content_type = content_type_of(contribution)
    where = {"content_type": content_type, "object_id": contribution.pk}
    responses = {r.anchor_point_id: r for r in AnchorPointResponse.objects.filter(**where)}
    judgements = {j.anchor_point_id: j for j in AnchorPointJudgement.objects.filter(**where)}
    return [
        {"point": p, "response": responses.get(p.pk), "judgement": judgements.get(p.pk)}
        for p in dossier.anchor_points.all()
    ]


# The version of the list of events (voorop.core.cache.version): the services renew it when
# an event is saved or its harvest recorded; the list's pages are kept under it (decision
# 0015), and until the next event starts (it then moves from "coming up" to "earlier").
EVENT_LIST = "council.events"


def next_event_starts_at() -> datetime | None:
    return (
        Event.objects.filter(starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )


def events_upcoming() -> QuerySet[Event]:
    return Event.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at", "id")


def events_past() -> QuerySet[Event]:
    return Event.objects.filter(starts_at__lt=timezone.now()).order_by("-starts_at", "-id")


def event_counts(event: Event) -> dict[str, int | None]:
    counts = Counter(
        event.sign_ups.exclude(status=SignUpStatus.CANCELLED).values_list("status", flat=True)
    )
    confirmed = counts.get(SignUpStatus.CONFIRMED, 0)
    return {
        "confirmed": confirmed,
        "waiting": counts.get(SignUpStatus.WAITING, 0),
        "free": max(event.capacity - confirmed, 0) if event.capacity is not None else None,
    }


def sign_up_of(
    event: Event, user: Any, *, guest_sign_ups: Sequence[int] = ()
) -> EventSignUp | None:
    """The visitor's own sign-up for the event: by their account, or, for a guest, one of
    the sign-ups made in this browser (``guest_sign_ups``, kept in the session)."""
    active = event.sign_ups.exclude(status=SignUpStatus.CANCELLED)
    if getattr(user, "is_authenticated", False):
        return active.filter(user=user).first()
    mine = active.filter(pk__in=list(guest_sign_ups), user__isnull=True).first()
    return None if mine is None or mine.is_expired else mine


def guest_sign_up_by_token(token: str) -> EventSignUp | None:
    """The guest's sign-up that this link belongs to (None: unknown, cancelled or expired)."""
    if not token or len(token) > 100:
        return None
    sign_up = (
        EventSignUp.objects.select_related("event")
        .filter(token_hash=EventSignUp.hash_token(token), user__isnull=True)
        .exclude(status=SignUpStatus.CANCELLED)
        .first()
    )
    if sign_up is None or sign_up.is_expired:
        return None
    return sign_up


@dataclass
class Bar:
    """One bar of a server-drawn SVG chart (coordinates in the chart's viewBox units)."""

    label: str
    count: int
    y: int
    width: int


BAR_HEIGHT = 10
BAR_MAX_WIDTH = 100


def _bars(counter: Counter, labels: Sequence[tuple[Any, Any]]) -> list[Bar]:
    top = max(counter.values(), default=0) or 1
    return [
        Bar(
            label=str(label),
            count=counter.get(key, 0),
            y=index * BAR_HEIGHT,
            width=round(BAR_MAX_WIDTH * counter.get(key, 0) / top),
        )
        for index, (key, label) in enumerate(labels)
    ]


def reflection_overview(user: Any) -> dict[str, Any]:
    """Reflections over time (per year and quarter), per ladder step and per dossier."""
    reflections = list(
        Reflection.objects.filter(decision__in=decisions_visible_to(user)).select_related(
            "decision", "decision__dossier"
        )
    )
    by_step = Counter(r.ladder_step or "none" for r in reflections)
    from django.utils.translation import gettext as _

    step_labels = [*LadderStep.choices, ("none", _("Society not involved"))]
    periods = sorted(
        {
            (r.decision.decided_on.year, (r.decision.decided_on.month - 1) // 3 + 1)
            for r in reflections
        }
    )
    by_period = Counter(
        (r.decision.decided_on.year, (r.decision.decided_on.month - 1) // 3 + 1)
        for r in reflections
    )
    involved_by_period = Counter(
        (r.decision.decided_on.year, (r.decision.decided_on.month - 1) // 3 + 1)
        for r in reflections
        if r.society_involved != "no"
    )
    over_time = [
        {
            "label": _("Q%(quarter)s %(year)s") % {"quarter": q, "year": y},
            "total": by_period[(y, q)],
            "involved": involved_by_period[(y, q)],
        }
        for y, q in periods
    ]
    by_dossier: dict[str, dict[str, Any]] = {}
    for r in reflections:
        dossier = r.decision.dossier
        key = dossier.title if dossier else _("No dossier")
        row = by_dossier.setdefault(
            key, {"dossier": dossier, "label": key, "total": 0, "involved": 0}
        )
        row["total"] += 1
        row["involved"] += r.society_involved != "no"
    step_bars = _bars(by_step, step_labels)
    time_bars = _bars(
        Counter({row["label"]: row["involved"] for row in over_time}),
        [(row["label"], row["label"]) for row in over_time],
    )
    return {
        "count": len(reflections),
        "step_bars": step_bars,
        "chart_height": len(step_bars) * BAR_HEIGHT,
        "time_bars": time_bars,
        "time_chart_height": len(time_bars) * BAR_HEIGHT,
        "over_time": over_time,
        "by_dossier": sorted(by_dossier.values(), key=lambda row: str(row["label"])),
        "reflections": sorted(reflections, key=lambda r: r.decision.decided_on, reverse=True),
    }


def topics_with_follow_up(event: Event) -> QuerySet:
    return event.topics.select_related("author").prefetch_related("follow_ups")


def events_public() -> QuerySet[Event]:
    """Every event, newest first (the open data API)."""
    return Event.objects.select_related("area").order_by("-starts_at", "-id")
