"""Pitch battles: per-juror normalisation of scores and a ranking with a top 3; no Django.

Each juror's weighted total per entry (criteria weighted, on the raw scale) is turned into a
z-score among the entries that juror scored: (total - the juror's mean) / the juror's
standard deviation (population). A juror who gives everyone the same total gets 0 for all.
An entry's score is the mean z-score of the jurors who scored it (a juror with a declared
conflict of interest does not score that entry). So a juror who scores harshly or kindly
(adds a constant) or spreads scores widely (multiplies) changes nothing. The raw weighted
totals stay in the result. See docs/decisions/0019-savings-and-battles.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

ENGINE_VERSION = "1.0.0"
PRECISION = 9
"""Normalised scores are rounded to this many decimals before ranking, so that rounding
noise of floating point never decides an order."""


class BattleError(ValueError):
    """Input that cannot be ranked; the message says which juror, entry or criterion."""


@dataclass(frozen=True, slots=True)
class Criterion:
    key: str
    weight: float

    def __post_init__(self) -> None:
        if not self.weight > 0 or math.isinf(self.weight):
            raise BattleError(f"criterion {self.key!r}: the weight must be above 0")


Scores = Mapping[str, Mapping[str, Mapping[str, float]]]
"""scores[juror][entry][criterion] = raw score. A juror leaves out entries they did not
score (a conflict of interest, or absence); a juror who scored an entry scored every criterion."""


@dataclass(frozen=True, slots=True)
class EntryResult:
    entry: str
    rank: int | None
    """1 for the best; None when no juror scored the entry."""
    score: float | None
    """Mean normalised score (z-score) of the jurors who scored it."""
    raw_mean: float | None
    """Mean of the jurors' weighted raw totals, on the scoring scale."""
    jurors: int


@dataclass(frozen=True, slots=True)
class Ranking:
    entries: tuple[EntryResult, ...]
    """Ranked entries first (best first), then unscored entries by key."""
    normalised: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    """normalised[juror][entry] = z-score."""
    raw_totals: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    engine_version: str = ENGINE_VERSION

    def top(self, n: int = 3) -> tuple[EntryResult, ...]:
        return tuple(e for e in self.entries if e.rank is not None and e.rank <= n)


def weighted_total(criteria: Sequence[Criterion], scored: Mapping[str, float]) -> float:
    weight = sum(c.weight for c in criteria)
    names = [c.key for c in criteria]
    missing = [name for name in names if name not in scored]
    if missing:
        raise BattleError(f"missing score for criterion {missing[0]!r}")
    return sum(c.weight * scored[c.key] for c in criteria) / weight


def normalise(totals: Mapping[str, float]) -> dict[str, float]:
    """z-scores of one juror's totals; all 0 when the juror gave everyone the same total."""
    if not totals:
        return {}
    values = list(totals.values())
    mean = math.fsum(values) / len(values)
    spread = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))
    if spread <= 1e-12 * max(1.0, max(abs(v) for v in values)):
        return dict.fromkeys(totals, 0.0)
    return {entry: (value - mean) / spread for entry, value in totals.items()}


def rank(entries: Sequence[str], criteria: Sequence[Criterion], scores: Scores) -> Ranking:
    """Rank the entries by their mean normalised score (ties share a rank; within a tie the
    order is by key, for a stable list)."""
    if not criteria:
        raise BattleError("no criteria")
    known = set(entries)
    raw: dict[str, dict[str, float]] = {}
    normalised: dict[str, dict[str, float]] = {}
    for juror, per_entry in scores.items():
        totals = {}
        for entry, scored in per_entry.items():
            if entry not in known:
                raise BattleError(f"juror {juror!r} scored an unknown entry {entry!r}")
            totals[entry] = weighted_total(criteria, scored)
        raw[juror] = totals
        normalised[juror] = normalise(totals)
    results: list[tuple[float, str, float, int]] = []
    unscored: list[str] = []
    for entry in entries:
        zs = [normalised[j][entry] for j in normalised if entry in normalised[j]]
        if not zs:
            unscored.append(entry)
            continue
        raws = [raw[j][entry] for j in raw if entry in raw[j]]
        score = round(math.fsum(zs) / len(zs), PRECISION) + 0.0
        results.append((score, entry, math.fsum(raws) / len(raws), len(zs)))
    results.sort(key=lambda item: (-item[0], item[1]))
    ranked: list[EntryResult] = []
    for position, (score, entry, raw_mean, jurors) in enumerate(results, start=1):
        place = ranked[-1].rank if ranked and ranked[-1].score == score else position
        ranked.append(EntryResult(entry, place, score, raw_mean, jurors))
    ranked.extend(EntryResult(e, None, None, None, 0) for e in sorted(unscored))
    return Ranking(tuple(ranked), normalised, raw)


__all__ = [
    "ENGINE_VERSION",
    "BattleError",
    "Criterion",
    "EntryResult",
    "Ranking",
    "Scores",
    "normalise",
    "rank",
    "weighted_total",
]
