"""Reads of budget dialogues: the list, a dialogue with its tables and options, a plan's
figures and its breaches in plain words, and the results (cached: the same for everyone)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from voorop.core import cache
from voorop.core.money import format_euros
from voorop.engines import savings as engine
from voorop.savings.models import (
    AgeBand,
    BudgetTable,
    Dialogue,
    LetterBatch,
    Plan,
    PlanChoice,
    PlanKind,
    SavingsOption,
)


def letter_batches(dialogue: Dialogue) -> QuerySet[LetterBatch]:
    """The dialogue's letters with codes, newest first (paginate: one row per request)."""
    return LetterBatch.objects.filter(dialogue=dialogue).order_by("-created_at", "-pk")


def letter_batch(dialogue: Dialogue, pk: int) -> LetterBatch | None:
    return LetterBatch.objects.filter(dialogue=dialogue, pk=pk).first()


def dialogues() -> QuerySet[Dialogue]:
    return Dialogue.objects.select_related("area").order_by("-open_from", "-pk")


def tables_with_options(dialogue: Dialogue) -> list[BudgetTable]:
    return list(dialogue.tables.prefetch_related("options"))


def options_of(dialogue: Dialogue) -> list[SavingsOption]:
    return list(SavingsOption.objects.filter(table__dialogue=dialogue).select_related("table"))


@dataclass(frozen=True)
class Names:
    tables: Mapping[str, str]
    options: Mapping[str, str]


def names(dialogue: Dialogue) -> Names:
    return Names(
        tables={str(t.pk): t.name for t in dialogue.tables.all()},
        options={str(o.pk): o.name for o in options_of(dialogue)},
    )


def euros_of_cents(cents: int) -> str:
    return format_euros(Decimal(cents) / 100)


def breach_text(breach: engine.Breach, names: Names) -> str:
    """One broken frame, explained in plain words."""
    if breach.kind == "untouchable":
        return _("The council decided that “%(option)s” may not change.") % {
            "option": names.options.get(breach.key, breach.key)
        }
    if breach.kind == "level":
        return _("“%(option)s” cannot change that far.") % {
            "option": names.options.get(breach.key, breach.key)
        }
    if breach.kind == "table_minimum":
        return _(
            "“%(table)s” would get %(amount)s. The council wants at least %(limit)s for it."
        ) % {
            "table": names.tables.get(breach.key, breach.key),
            "amount": euros_of_cents(breach.amount),
            "limit": euros_of_cents(breach.limit),
        }
    if breach.kind == "table_maximum":
        return _(
            "“%(table)s” would get %(amount)s. The council allows at most %(limit)s for it."
        ) % {
            "table": names.tables.get(breach.key, breach.key),
            "amount": euros_of_cents(breach.amount),
            "limit": euros_of_cents(breach.limit),
        }
    if breach.limit <= 0:
        return _(
            "Your plan saves %(saved)s. It must save at least %(needed)s: find %(more)s more."
        ) % {
            "saved": euros_of_cents(max(0, -breach.amount)),
            "needed": euros_of_cents(-breach.limit),
            "more": euros_of_cents(breach.amount - breach.limit),
        }
    return _("Your plan spends %(spent)s extra. At most %(limit)s is available.") % {
        "spent": euros_of_cents(breach.amount),
        "limit": euros_of_cents(breach.limit),
    }


@dataclass(frozen=True)
class PlanFigures:
    """A plan as the simulator shows it: total, each table's new amount, breaches in words."""

    check: engine.Check
    breaches: list[str]
    target_change: int
    tables: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.check.ok

    @property
    def total_euros(self) -> str:
        return euros_of_cents(abs(self.check.total_change))

    @property
    def saves(self) -> bool:
        return self.check.total_change < 0

    @property
    def target_euros(self) -> str:
        return euros_of_cents(abs(self.target_change))

    @property
    def percent(self) -> int:
        """How far the plan is towards the target (0-100), for the progress bar."""
        if self.target_change == 0:
            return 100 if self.check.total_change <= 0 else 0
        share = self.check.total_change / self.target_change
        if self.target_change > 0:  # spending: the bar is how much of the money is used
            return max(0, min(100, round(share * 100)))
        return max(0, min(100, round(share * 100)))


def plan_figures(dialogue: Dialogue, levels: Mapping[str, int]) -> PlanFigures:
    frames = dialogue.frames()
    known = {o.key for o in frames.options}
    cleaned = {key: level for key, level in levels.items() if key in known}
    check = engine.check_plan(frames, cleaned)
    labels = names(dialogue)
    broken = {b.key for b in check.breaches if b.kind.startswith("table_")}
    tables = []
    for table in frames.tables:
        pk = table.key
        tables.append(
            {
                "name": labels.tables[pk],
                "current": euros_of_cents(table.current),
                "new": euros_of_cents(check.table_amounts[pk]),
                "broken": pk in broken,
            }
        )
    return PlanFigures(
        check=check,
        breaches=[breach_text(b, labels) for b in check.breaches],
        target_change=frames.target_change,
        tables=tables,
    )


def plan_of(user: Any, dialogue: Dialogue) -> Plan | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Plan.objects.filter(dialogue=dialogue, author=user, kind=PlanKind.RESIDENT).first()


def plan_for_code(code: Any) -> Plan | None:
    return Plan.objects.filter(code=code).first() if code is not None else None


def plan_reasons(plan: Plan | None) -> dict[str, str]:
    if plan is None:
        return {}
    return {str(c.option_id): c.reason for c in plan.choices.all() if c.reason}


# --- results -----------------------------------------------------------------------------


def _levels_by_plan(dialogue: Dialogue) -> dict[int, dict[str, int]]:
    by_plan: dict[int, dict[str, int]] = {
        pk: {} for pk in Plan.objects.filter(dialogue=dialogue).values_list("pk", flat=True)
    }
    rows = PlanChoice.objects.filter(plan__dialogue=dialogue).values_list(
        "plan_id", "option_id", "level"
    )
    for plan_id, option_id, level in rows.iterator(chunk_size=5000):
        by_plan[plan_id][str(option_id)] = level
    return by_plan


def _group_medians(
    frames: engine.Dialogue, plans: list[tuple[str, dict[str, int]]]
) -> list[dict[str, Any]]:
    """Per group (in the engine's order) the cells per option: plans and median (None:
    too few plans to show). Plain data: the results are cached."""
    figures = engine.medians_by_group(frames.options, plans)
    return [
        {
            "group": group,
            "cells": {key: {"plans": f.plans, "median": f.median} for key, f in cells.items()},
        }
        for group, cells in figures.items()
    ]


def _compute_results(dialogue: Dialogue) -> dict[str, Any]:
    frames = dialogue.frames()
    by_plan = _levels_by_plan(dialogue)
    accepted = {
        pk: levels for pk, levels in by_plan.items() if engine.check_plan(frames, levels).ok
    }
    plans = list(accepted.values())
    outcome = engine.aggregate(frames, plans)
    where = {
        pk: (str(area_id or ""), band)
        for pk, area_id, band in Plan.objects.filter(pk__in=list(accepted)).values_list(
            "pk", "area_id", "age_band"
        )
    }
    area_medians = _group_medians(frames, [(where[pk][0], lv) for pk, lv in accepted.items()])
    band_medians = _group_medians(frames, [(where[pk][1], lv) for pk, lv in accepted.items()])
    groups = Counter(
        (area or "", band)
        for area, band in Plan.objects.filter(dialogue=dialogue).values_list(
            "area__name", "age_band"
        )
    )
    by_area = Counter()
    by_band = Counter()
    for (area, band), n in groups.items():
        by_area[area] += n
        by_band[band] += n
    return {
        "plans": outcome.plans,
        "summaries": {
            s.key: {
                "counts": dict(s.counts),
                "median": s.median,
                "q1": s.q1,
                "q3": s.q3,
                "iqr": s.iqr,
            }
            for s in outcome.options
        },
        "consensus": dict(outcome.consensus or {}),
        "consensus_method": outcome.consensus_method,
        "consensus_total": outcome.consensus_check.total_change if outcome.consensus_check else 0,
        "by_area": sorted(by_area.items()),
        "by_band": [(band, by_band.get(band, 0)) for band in [*AgeBand.values, ""]],
        "engine_version": outcome.engine_version,
        "area_medians": area_medians,  # group: an area's pk as text, "" when unknown
        "band_medians": sorted(
            band_medians, key=lambda row: [*AgeBand.values, ""].index(row["group"])
        ),
        "min_plans": engine.MIN_PLANS,
    }


def plan_areas(dialogue: Dialogue) -> QuerySet[Any]:
    """The areas a code participant may name: the dialogue's area and the areas in it."""
    from voorop.core.areas.models import Area
    from voorop.core.areas.selectors import area_with_descendants

    return area_with_descendants(dialogue.area) if dialogue.area_id else Area.objects.all()


def area_names(ids: list[str]) -> dict[str, str]:
    """The names of areas by their pk as text (the results keep plain data)."""
    from voorop.core.areas.models import Area

    wanted = [int(pk) for pk in ids if pk]
    return {
        str(pk): name for pk, name in Area.objects.filter(pk__in=wanted).values_list("pk", "name")
    }


def results(dialogue: Dialogue) -> dict[str, Any]:
    """The figures of every option and the consensus plan (cached; sending a plan forgets)."""
    return cache.remember(
        "savings.results", dialogue.pk, compute=lambda: _compute_results(dialogue)
    )


def reasons_per_option(dialogue: Dialogue, limit: int = 20) -> dict[int, list[tuple[int, str]]]:
    """The reasons residents gave, per option (level, text), newest first, at most `limit`."""
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = (
        PlanChoice.objects.filter(plan__dialogue=dialogue)
        .exclude(reason="")
        .order_by("option_id", "-plan__changed_at")
        .values_list("option_id", "level", "reason")
    )
    for option_id, level, reason in rows:
        if len(found[option_id]) < limit:
            found[option_id].append((level, reason))
    return found


def answer_recipients(dialogue: Dialogue) -> QuerySet[Plan]:
    return Plan.objects.filter(dialogue=dialogue, kind=PlanKind.RESIDENT)
