"""Figures per group of plans (an area, an age band): per option the median level and the
number of plans. A group with fewer than ``min_plans`` plans gets no median: a figure of
two or three plans says little and could point to the people behind it.

A plan without a level for an option counts as level 0 (no change); an untouchable option
is always 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Option, Plan
from .plans import quantile

MIN_PLANS = 5


@dataclass(frozen=True, slots=True)
class GroupFigure:
    """One cell: how the plans of one group chose one option."""

    group: str
    option: str
    plans: int
    median: float | None
    """None when the group has fewer plans than the minimum ("too few plans")."""

    @property
    def too_few(self) -> bool:
        return self.median is None


def medians_by_group(
    options: Sequence[Option],
    plans: Iterable[tuple[str, Plan]],
    *,
    min_plans: int = MIN_PLANS,
) -> dict[str, dict[str, GroupFigure]]:
    """Per group (its key as given with each plan; "" is a group too: "unknown"), per
    option: the number of plans and the median level, or no median under ``min_plans``."""
    if min_plans < 1:
        raise ValueError("min_plans must be at least 1")
    levels: dict[str, dict[str, list[int]]] = {}
    for group, plan in plans:
        per_option = levels.setdefault(group, {o.key: [] for o in options})
        for option in options:
            per_option[option.key].append(0 if option.untouchable else plan.get(option.key, 0))
    figures: dict[str, dict[str, GroupFigure]] = {}
    for group in sorted(levels):
        figures[group] = {}
        for option in options:
            chosen = sorted(levels[group][option.key])
            enough = len(chosen) >= min_plans
            figures[group][option.key] = GroupFigure(
                group, option.key, len(chosen), quantile(chosen, 0.5) if enough else None
            )
    return figures
