"""Plain, immutable data for the budgeting engine: projects, ballots, elections, outcomes."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

ENGINE_VERSION = "1.0.0"
"""Bumped whenever an outcome could change for the same input; stored with every result."""

# "knapsack" ballots are approval ballots whose total cost the voter had to keep within
# the budget; the rules treat them as approval ballots (with cost utilities).
BALLOT_TYPES = ("approval", "choose-1", "knapsack", "cumulative", "scoring", "ordinal")

Number = int | Fraction | Decimal | str | float


def to_fraction(value: Number) -> Fraction:
    """Exact conversion; pabulib allows a decimal comma in costs."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, str):
        return Fraction(value.strip().replace(",", "."))
    if isinstance(value, float):
        # Floats reach here only from callers; their decimal repr is what the user meant.
        return Fraction(repr(value))
    return Fraction(value)


def number_to_json(value: Fraction) -> int | float:
    """Integral amounts as int, others as float (JSON has no exact rationals)."""
    if value.denominator == 1:
        return int(value)
    return float(value)


def _freeze_meta(meta: Mapping[str, str] | tuple[tuple[str, str], ...] | None) -> tuple:
    if meta is None:
        return ()
    if isinstance(meta, Mapping):
        return tuple((str(k), str(v)) for k, v in meta.items())
    return tuple((str(k), str(v)) for k, v in meta)


@dataclass(frozen=True, slots=True)
class Project:
    """A project that can be funded. ``meta`` keeps the other pabulib columns verbatim."""

    id: str
    cost: Fraction
    name: str = ""
    meta: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", str(self.id))
        object.__setattr__(self, "cost", to_fraction(self.cost))
        object.__setattr__(self, "meta", _freeze_meta(self.meta))
        if self.cost < 0:
            raise ValueError(f"project {self.id}: negative cost {self.cost}")

    def get(self, key: str, default: str | None = None) -> str | None:
        for k, v in self.meta:
            if k == key:
                return v
        return default


@dataclass(frozen=True, slots=True)
class Ballot:
    """One voter's ballot.

    ``projects`` lists project ids in the order given (the order matters for ordinal ballots);
    ``points`` is parallel to it for cumulative and scoring ballots, else ``None``.
    """

    projects: tuple[str, ...]
    points: tuple[Fraction, ...] | None = None
    voter_id: str = ""
    meta: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.projects, tuple):
            object.__setattr__(self, "projects", tuple(str(p) for p in self.projects))
        if self.points is not None:
            pts = tuple(to_fraction(p) for p in self.points)
            if len(pts) != len(self.projects):
                raise ValueError(
                    f"ballot {self.voter_id}: {len(pts)} points for {len(self.projects)} projects"
                )
            object.__setattr__(self, "points", pts)
        if not isinstance(self.meta, tuple):
            object.__setattr__(self, "meta", _freeze_meta(self.meta))


@dataclass(frozen=True, slots=True)
class Election:
    """A participatory-budgeting election (a pabulib instance plus its profile).

    ``meta`` keeps every META entry of the file verbatim (including ``rule``,
    ``min_project_score_threshold``, ...); the typed fields are parsed from it.
    """

    projects: tuple[Project, ...]
    ballots: tuple[Ballot, ...]
    budget: Fraction
    ballot_type: str = "approval"
    min_length: int | None = None
    max_length: int | None = None
    min_points: Fraction | None = None
    max_points: Fraction | None = None
    min_sum_points: Fraction | None = None
    max_sum_points: Fraction | None = None
    meta: tuple[tuple[str, str], ...] = ()
    source: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "budget", to_fraction(self.budget))
        if not isinstance(self.projects, tuple):
            object.__setattr__(self, "projects", tuple(self.projects))
        if not isinstance(self.ballots, tuple):
            object.__setattr__(self, "ballots", tuple(self.ballots))
        object.__setattr__(self, "meta", _freeze_meta(self.meta))
        if self.ballot_type not in BALLOT_TYPES:
            raise ValueError(f"unknown ballot type {self.ballot_type!r}")
        for name in ("min_points", "max_points", "min_sum_points", "max_sum_points"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, to_fraction(value))
        ids = [p.id for p in self.projects]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate project ids")

    @property
    def meta_dict(self) -> dict[str, str]:
        return dict(self.meta)

    def project(self, project_id: str) -> Project:
        for p in self.projects:
            if p.id == project_id:
                return p
        raise KeyError(project_id)


@dataclass(frozen=True, slots=True)
class Unfunded:
    """Why a project was not funded.

    ``reason`` is one of:

    - ``below_min_votes``: fewer votes than the minimum (data: votes, min_votes);
    - ``no_votes``: nobody voted for it, so Equal Shares / Phragmén cannot fund it (data: votes);
    - ``over_budget``: when its turn came it did not fit in what was left
      (data: cost, remaining);
    - ``stopped_no_skip``: the rule stopped at an earlier project that did not fit
      (greedy without skipping, sequential Phragmén) (data: stopped_at);
    - ``not_enough_support``: under Equal Shares its supporters together had too little
      of their share left to pay for it (data: cost, supporters, supporters_money);
    - ``cost_exceeds_budget``: costs more than the whole budget (data: cost, budget).
    """

    project_id: str
    reason: str
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of :func:`compute`.

    ``selected`` is in the order of the projects in the election (the file order);
    ``selection_order`` in the order the rule picked them.
    """

    selected: tuple[str, ...]
    selection_order: tuple[str, ...]
    total_cost: Fraction
    budget: Fraction
    rule: str
    completion: str
    tie_breaking: str
    seed: str
    engine_version: str
    votes: Mapping[str, int | Fraction]
    unfunded: tuple[Unfunded, ...]
    ballots_digest: str
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "selected": list(self.selected),
            "total_cost": number_to_json(self.total_cost),
            "budget": number_to_json(self.budget),
            "rule": self.rule,
            "completion": self.completion,
            "tie_breaking": self.tie_breaking,
            "seed": self.seed,
            "engine_version": self.engine_version,
            "selection_order": list(self.selection_order),
            "votes": {k: number_to_json(Fraction(v)) for k, v in self.votes.items()},
            "unfunded": [
                {"project_id": u.project_id, "reason": u.reason, **dict(u.data)}
                for u in self.unfunded
            ],
            "ballots_digest": self.ballots_digest,
            "details": dict(self.details),
        }


def _num_str(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def vote_counts(ballots: tuple[Ballot, ...]) -> Counter:
    """How many voters cast each distinct (projects, points)."""
    # Counting object identities first is cheap, and readers share one Ballot object between
    # voters with the same vote; equal votes held in distinct objects are merged after.
    by_object = Counter(map(id, ballots))
    objects = dict(zip(map(id, ballots), ballots, strict=True))
    counts: dict = {}
    get = counts.get
    for oid, count in by_object.items():
        b = objects[oid]
        key = (b.projects, b.points)
        counts[key] = get(key, 0) + count
    return Counter(counts)


def ballots_digest(election: Election, counts: Counter | None = None) -> str:
    """SHA-256 (hex) over a canonical serialisation of budget, projects and ballots.

    Canonical text (UTF-8, lines joined by ``\\n``)::

        voorop-ballots-v1
        budget <budget>
        ballot_type <type>
        project <id> <cost>          one line per project, sorted
        ballot <count> <ids> <points>  one line per distinct vote, sorted

    ``<ids>`` is the vote's project ids joined by ``,`` (in the voter's order), ``<points>``
    likewise (``-`` for approval ballots); numbers are exact ("12" or "1/3"); fields are
    separated by a tab. Voter ids, names and other columns are left out: they do not
    influence the outcome, and neither does the order of the ballots.
    ``counts`` (from :func:`vote_counts`) may be passed to avoid recounting.
    """
    if counts is None:
        counts = vote_counts(election.ballots)
    lines = [
        "voorop-ballots-v1",
        f"budget\t{_num_str(election.budget)}",
        f"ballot_type\t{election.ballot_type}",
    ]
    lines += sorted(f"project\t{p.id}\t{_num_str(p.cost)}" for p in election.projects)
    lines += sorted(
        f"ballot\t{count}\t{','.join(ids)}\t"
        f"{'-' if pts is None else ','.join(_num_str(x) for x in pts)}"
        for (ids, pts), count in counts.items()
    )
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
