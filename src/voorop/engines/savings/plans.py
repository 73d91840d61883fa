"""Checking a plan against the council's frames, and adding up the plans.

Quartiles are interpolated linearly between the sorted levels (the common "type 7"
definition, as numpy's default); the median is the middle value (or the mean of the two
middle values). The consensus plan and its method: docs/decisions/0019-savings-and-battles.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .model import Aggregate, Breach, Check, Dialogue, Option, OptionSummary, Plan, SavingsError


def check_plan(dialogue: Dialogue, plan: Plan) -> Check:
    """The plan's total change, each table's new amount, and every frame it breaks."""
    known = {o.key for o in dialogue.options}
    for key in plan:
        if key not in known:
            raise SavingsError(f"unknown option {key!r}")
    breaches: list[Breach] = []
    change_per_table = {t.key: 0 for t in dialogue.tables}
    for option in dialogue.options:
        level = plan.get(option.key, 0)
        if level != 0 and option.untouchable:
            breaches.append(Breach("untouchable", option.key))
        elif level not in option.levels():
            breaches.append(Breach("level", option.key))
        change_per_table[option.table] += level * option.step_amount
    amounts = {}
    for table in dialogue.tables:
        amount = table.current + change_per_table[table.key]
        amounts[table.key] = amount
        if table.minimum is not None and amount < table.minimum:
            breaches.append(Breach("table_minimum", table.key, amount, table.minimum))
        if table.maximum is not None and amount > table.maximum:
            breaches.append(Breach("table_maximum", table.key, amount, table.maximum))
    total = sum(change_per_table.values())
    if total > dialogue.target_change:
        breaches.append(Breach("target", "", total, dialogue.target_change))
    return Check(total_change=total, table_amounts=amounts, breaches=tuple(breaches))


def quantile(sorted_values: Sequence[int], q: float) -> float:
    """Linear interpolation between order statistics (numpy's default)."""
    if not sorted_values:
        raise SavingsError("no values")
    position = (len(sorted_values) - 1) * q
    low = math.floor(position)
    high = math.ceil(position)
    fraction = position - low
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * fraction


def summarise(option: Option, levels: Sequence[int]) -> OptionSummary:
    counts = dict.fromkeys(option.levels(), 0)
    for level in levels:
        counts[level] = counts.get(level, 0) + 1
    ordered = sorted(levels)
    if not ordered:
        return OptionSummary(option.key, counts, 0.0, 0.0, 0.0)
    return OptionSummary(
        option.key,
        counts,
        median=quantile(ordered, 0.5),
        q1=quantile(ordered, 0.25),
        q3=quantile(ordered, 0.75),
    )


def _towards_zero(value: float) -> int:
    """Round to a whole level; a half goes towards 0 (no change)."""
    whole = math.floor(abs(value) + 0.5)
    if abs(value) - math.floor(abs(value)) == 0.5:
        whole = math.floor(abs(value))
    return int(math.copysign(whole, value)) if whole else 0


def aggregate(dialogue: Dialogue, plans: Sequence[Plan]) -> Aggregate:
    """Distribution, median and quartiles per option, and a consensus plan within the frames.

    Only plans that respect the frames count (a plan that breaks one cannot be sent); any
    other plan raises SavingsError, so a mistake upstream does not go unnoticed."""
    for index, plan in enumerate(plans):
        if not check_plan(dialogue, plan).ok:
            raise SavingsError(f"plan {index} breaks a frame")
    summaries = tuple(
        summarise(option, [plan.get(option.key, 0) for plan in plans])
        for option in dialogue.options
    )
    if not plans:
        return Aggregate(plans=0, options=summaries, consensus=None)
    levels_of = {
        option.key: sorted(plan.get(option.key, 0) for plan in plans) for option in dialogue.options
    }
    start = {
        summary.key: 0 if option.untouchable else _towards_zero(summary.median)
        for summary, option in zip(summaries, dialogue.options, strict=True)
    }
    check = check_plan(dialogue, start)
    if check.ok:
        return Aggregate(len(plans), summaries, start, "medians", check)
    repaired = _repair(dialogue, dict(start), levels_of)
    if repaired is not None:
        check = check_plan(dialogue, repaired)
        if check.ok:
            return Aggregate(len(plans), summaries, repaired, "repaired", check)
    closest = min(
        plans,
        key=lambda plan: (
            sum(abs(plan.get(key, 0) - level) for key, level in start.items()),
            sorted(plan.items()),
        ),
    )
    consensus = {o.key: closest.get(o.key, 0) for o in dialogue.options}
    return Aggregate(
        len(plans), summaries, consensus, "closest-plan", check_plan(dialogue, consensus)
    )


def _support(levels: Sequence[int], target: int, up: bool) -> float:
    """Share of the plans that chose `target` or further in the direction of the move."""
    if up:
        return sum(1 for level in levels if level >= target) / len(levels)
    return sum(1 for level in levels if level <= target) / len(levels)


def _repair(
    dialogue: Dialogue, plan: dict[str, int], levels_of: dict[str, list[int]]
) -> dict[str, int] | None:
    """Move the rounded medians one step at a time into the frames; each step goes to the
    movable option with the most support among the plans for that step (ties: the key).
    1. tables below their minimum go up, without passing their maximum;
    2. tables above their maximum go down, without passing their minimum;
    3. while the total is above the target, go down anywhere, without passing a minimum."""
    tables = {t.key: t for t in dialogue.tables}

    def amounts() -> dict[str, int]:
        return dict(check_plan(dialogue, plan).table_amounts)

    def best(candidates: list[Option], up: bool) -> Option | None:
        scored = [
            (-_support(levels_of[o.key], plan[o.key] + (1 if up else -1), up), o.key, o)
            for o in candidates
        ]
        return min(scored)[2] if scored else None

    movable = [o for o in dialogue.options if not o.untouchable]
    for table in dialogue.tables:
        while table.minimum is not None and amounts()[table.key] < table.minimum:
            now = amounts()[table.key]
            choice = best(
                [
                    o
                    for o in movable
                    if o.table == table.key
                    and plan[o.key] < o.highest
                    and (table.maximum is None or now + o.step_amount <= table.maximum)
                ],
                up=True,
            )
            if choice is None:
                return None
            plan[choice.key] += 1
        while table.maximum is not None and amounts()[table.key] > table.maximum:
            now = amounts()[table.key]
            choice = best(
                [
                    o
                    for o in movable
                    if o.table == table.key
                    and plan[o.key] > o.lowest
                    and (table.minimum is None or now - o.step_amount >= table.minimum)
                ],
                up=False,
            )
            if choice is None:
                return None
            plan[choice.key] -= 1
    while check_plan(dialogue, plan).total_change > dialogue.target_change:
        now_amounts = amounts()
        choice = best(
            [
                o
                for o in movable
                if plan[o.key] > o.lowest
                and (
                    tables[o.table].minimum is None
                    or now_amounts[o.table] - o.step_amount >= (tables[o.table].minimum or 0)
                )
            ],
            up=False,
        )
        if choice is None:
            return None
        plan[choice.key] -= 1
    return plan
