"""Plain data types of the sortition engine: what goes in and what comes out.

Everything here is immutable and free of solver objects, so the web app can store, compare
and serialise these values without knowing how they were computed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

ENGINE_VERSION = "1.2.0"
"""Version of the selection engine; published with every outcome so it can be recomputed."""


class Algorithm(StrEnum):
    LEXIMIN = "leximin"
    MAXIMIN = "maximin"
    NASH = "nash"
    LEGACY = "legacy"


ProgressCallback = Callable[[float, str], None]
"""Called with a fraction in [0, 1] and a short English message."""

CancelCheck = Callable[[], bool]
"""Returns True when the caller wants the computation to stop (raises SelectionCancelled)."""


def normalise_value(value: str) -> str:
    """Feature values are matched after stripping and case-folding, like the spreadsheets
    municipalities type them in ("Vrouw" and "vrouw " are the same value)."""
    return " ".join(str(value).split()).casefold()


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    features: Mapping[str, str]
    """Feature name to value, as read (not normalised)."""
    household: str | None = None


@dataclass(frozen=True, slots=True)
class Pool:
    """The respondents who may be selected."""

    people: tuple[Person, ...]

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for person in self.people:
            if person.id in seen:
                raise PoolError(f"Person id {person.id!r} occurs more than once in the pool.")
            seen.add(person.id)

    def __len__(self) -> int:
        return len(self.people)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.people)

    def by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}


@dataclass(frozen=True, slots=True)
class Quota:
    """Bounds on how many panel members have `value` for `feature` (inclusive)."""

    feature: str
    value: str
    min: int
    max: int
    min_flex: int | None = None
    max_flex: int | None = None


@dataclass(frozen=True, slots=True)
class Distribution:
    """A lottery over panels and what it means for each person."""

    algorithm: Algorithm
    panel_size: int
    panels: tuple[tuple[str, ...], ...]
    """Each panel as a sorted tuple of person ids; panels are in canonical (sorted) order."""
    panel_probabilities: tuple[float, ...]
    probabilities: Mapping[str, float]
    """Selection probability per person id (every person in the pool appears)."""
    min_probability: float
    engine_version: str = ENGINE_VERSION
    stats: Mapping[str, float | int | str] = field(default_factory=dict)
    """Diagnostics: solver calls, panels generated, seconds, legacy draws, ..."""


@dataclass(frozen=True, slots=True)
class Draw:
    panel: tuple[str, ...]
    """Sorted ids of the selected people."""
    panel_index: int
    """Index into Distribution.panels."""
    seed: str
    random_value: float
    """The uniform number in [0, 1) derived from the seed that picked the panel."""


@dataclass(frozen=True, slots=True)
class Reserve:
    rank: int
    """1 for the first reserve to call."""
    person_id: str
    replaces: tuple[str, ...]
    """Panel members this reserve can replace without breaking any quota (sorted)."""
    drawn_for: str
    """The panel member this reserve was drawn for."""
    same_profile: bool
    """True when the reserve has exactly the feature values of `drawn_for`."""


@dataclass(frozen=True, slots=True)
class QuotaConflict:
    """One reason why no panel can meet the quotas."""

    kind: str
    """One of: pool_too_small, min_above_max, mins_exceed_panel, maxes_below_panel,
    not_enough_people, too_few_households, unknown_value, cross_feature."""
    feature: str | None
    value: str | None
    required: int
    available: int
    message: str

    @property
    def shortfall(self) -> int:
        return self.required - self.available


@dataclass(frozen=True, slots=True)
class QuotaRelaxation:
    """The smallest change to one quota that (together with the others listed) makes the
    quotas feasible; found by a HiGHS model with slack on every bound."""

    feature: str
    value: str
    min: int
    max: int
    relaxed_min: int
    relaxed_max: int

    @property
    def amount(self) -> int:
        return (self.min - self.relaxed_min) + (self.relaxed_max - self.max)


@dataclass(frozen=True, slots=True)
class FeasibilityReport:
    feasible: bool
    conflicts: tuple[QuotaConflict, ...] = ()
    relaxations: tuple[QuotaRelaxation, ...] = ()

    def summary(self) -> str:
        if self.feasible:
            return "The quotas can be met."
        first = self.conflicts[0].message if self.conflicts else "no panel meets all quotas"
        more = len(self.conflicts) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''})" if more > 0 else ""
        return f"Quotas cannot be met: {first}{suffix}"


class SortitionError(Exception):
    """Base class of the engine's errors."""


class PoolError(SortitionError, ValueError):
    """The pool or quota data are malformed (duplicate ids, missing columns, ...)."""


class InfeasibleQuotasError(SortitionError):
    """No panel of the requested size meets all quotas. `report` holds the structured detail."""

    def __init__(self, report: FeasibilityReport) -> None:
        self.report = report
        super().__init__(report.summary())

    @property
    def conflicts(self) -> tuple[QuotaConflict, ...]:
        return self.report.conflicts

    @property
    def relaxations(self) -> tuple[QuotaRelaxation, ...]:
        return self.report.relaxations


class SelectionCancelled(SortitionError):
    """The caller's cancel check returned True."""


class SolverError(SortitionError):
    """HiGHS returned an unexpected status."""
