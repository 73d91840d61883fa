"""Reads of pitch battles: the jury's make-up (with the warning when one group holds more
than half the seats), a juror's own sheets, the ranking (engine; cached), the public vote."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from voorop.battles.models import (
    Battle,
    Entry,
    EntryTimelineEntry,
    FollowUp,
    Juror,
    JuryGroup,
    ScoreSheet,
)
from voorop.core import cache
from voorop.engines import battles as engine


def battles() -> QuerySet[Battle]:
    return Battle.objects.order_by("-created_at", "-pk")


@dataclass(frozen=True)
class JuryMakeup:
    groups: list[tuple[str, int]]  # (label, seats) for every group
    seats: int
    dominant: str  # the label of a group with more than half the seats, or ""


def jury_makeup(battle: Battle) -> JuryMakeup:
    counts = Counter(battle.jurors.values_list("group", flat=True))
    seats = sum(counts.values())
    groups = [(str(label), counts.get(value, 0)) for value, label in JuryGroup.choices]
    dominant = next((label for label, n in groups if seats and n * 2 > seats), "")
    return JuryMakeup(groups, seats, dominant)


def juror_of(user: Any, battle: Battle) -> Juror | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Juror.objects.filter(battle=battle, user=user).first()


def sheets_of(juror: Juror | None) -> dict[int, ScoreSheet]:
    if juror is None:
        return {}
    return {sheet.entry_id: sheet for sheet in juror.sheets.all()}


def entries(battle: Battle) -> list[Entry]:
    return list(battle.entries.annotate(vote_count=Count("votes")).order_by("pk"))


def _compute(battle: Battle) -> dict[str, Any]:
    criteria = [engine.Criterion(str(c.pk), float(c.weight)) for c in battle.criteria.all()]
    scores: dict[str, dict[str, dict[str, float]]] = {}
    for sheet in ScoreSheet.objects.filter(juror__battle=battle, conflict=False):
        scores.setdefault(str(sheet.juror_id), {})[str(sheet.entry_id)] = {
            key: float(value) for key, value in sheet.scores.items()
        }
    keys = [str(pk) for pk in battle.entries.values_list("pk", flat=True)]
    if not criteria:
        return {"rows": [], "raw": {}, "version": engine.ENGINE_VERSION}
    ranking = engine.rank(keys, criteria, scores)
    return {
        "rows": [
            {
                "entry": int(r.entry),
                "rank": r.rank,
                "score": r.score,
                "raw_mean": r.raw_mean,
                "jurors": r.jurors,
            }
            for r in ranking.entries
        ],
        "raw": {j: dict(t) for j, t in ranking.raw_totals.items()},
        "version": ranking.engine_version,
    }


def ranking(battle: Battle) -> dict[str, Any]:
    """The ranking (per-juror normalisation), cached until a sheet or the stage changes."""
    return cache.remember("battles.ranking", battle.pk, compute=lambda: _compute(battle))


def reasons(entry: Entry) -> list[tuple[str, str]]:
    """The jury's reasons for an entry: (group of the juror, reason)."""
    return [
        (sheet.juror.get_group_display(), sheet.reason)
        for sheet in entry.sheets.select_related("juror").exclude(reason="")
    ]


def follow_ups(entry: Entry) -> QuerySet[FollowUp]:
    return entry.follow_ups.select_related("author")


# --- setting up (organisers) -------------------------------------------------------------


def jurors(battle: Battle) -> QuerySet[Juror]:
    return battle.jurors.select_related("user").order_by("group", "pk")


def entries_page_list(battle: Battle) -> QuerySet[Entry]:
    return battle.entries.select_related("initiative").order_by("pk")


def initiatives_matching(text: str, *, limit: int = 10) -> list[Any]:
    """Public initiatives whose title holds ``text`` (through voorop.initiatives' selectors)."""
    if not text.strip():
        return []
    from voorop.initiatives.selectors import initiatives_public

    return list(
        initiatives_public().filter(title__icontains=text.strip()).order_by("title", "pk")[:limit]
    )


def rounds_taking_proposals() -> list[Any]:
    """Budget rounds that take proposals now (through voorop.budgeting's selectors)."""
    from voorop.budgeting.selectors import rounds_taking_proposals as taking

    return list(taking()[:50])


def timeline(entry: Entry) -> QuerySet[EntryTimelineEntry]:
    return entry.timeline.for_timeline()
