"""Plain, immutable data for the budgeting engine: projects, ballots, elections, outcomes."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import repeat
from operator import attrgetter

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: the command line starts faster
    from typing import Any

ENGINE_VERSION = "1.1.0"
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


class FrozenInstanceError(AttributeError):
    """An attempt to change a field: projects, ballots, elections and outcomes are immutable
    (like ``dataclasses.FrozenInstanceError``, which it stands in for)."""


def _restore(cls: type, values: tuple) -> _Value:
    obj = object.__new__(cls)
    for name, value in zip(cls._fields, values, strict=True):
        object.__setattr__(obj, name, value)
    return obj


_NO_DATA: Mapping = {}  # stands for "not given": a fresh dict is made for each value


class _Value:
    """Base of the immutable value classes below: what ``@dataclass(frozen=True,
    slots=True)`` gave them (constructor, ``==`` and ``hash`` over the compared fields,
    ``repr``, immutability, pickling and copying), written out.

    Why not dataclasses: the module imports ``inspect`` (with ``ast``, ``dis``,
    ``tokenize``...) and compiles generated methods for each class, which on the command line
    cost more than a tenth of a whole Equal Shares run on a 90,000-voter file.

    A subclass lists its fields in ``_fields`` (constructor order first; also its
    ``__slots__``) and, when not all of them, the compared and hashed ones in ``_compare``
    and those that ``repr`` shows (and pattern matching takes by position) in ``_repr``.
    """

    _fields: tuple[str, ...] = ()  # every field, constructor order first
    __slots__ = ()
    _compare: tuple[str, ...] = ()
    _repr: tuple[str, ...] = ()
    _key: attrgetter  # attrgetter(*_compare), set for each subclass

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__
        if "_compare" not in own:
            cls._compare = cls._fields
        if "_repr" not in own:
            cls._repr = cls._fields
        cls.__match_args__ = cls._repr
        cls._key = attrgetter(*cls._compare)

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._repr)
        return f"{type(self).__qualname__}({fields})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            key = self._key
            return key(self) == key(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key(self))

    def __reduce__(self) -> tuple:
        return _restore, (type(self), tuple(getattr(self, name) for name in self._fields))


class Project(_Value):
    """A project that can be funded. ``meta`` keeps the other pabulib columns verbatim.

    ``Project(id, cost, name="", meta=())``; ``cost`` is converted to an exact ``Fraction``.
    """

    _fields = ("id", "cost", "name", "meta")
    __slots__ = _fields

    id: str
    cost: Fraction
    name: str
    meta: tuple[tuple[str, str], ...]

    def __init__(
        self,
        id: str,
        cost: Number,
        name: str = "",
        meta: Mapping[str, str] | tuple[tuple[str, str], ...] = (),
    ) -> None:
        init = object.__setattr__
        init(self, "id", str(id))
        init(self, "cost", to_fraction(cost))
        init(self, "name", name)
        init(self, "meta", _freeze_meta(meta))
        if self.cost < 0:
            raise ValueError(f"project {self.id}: negative cost {self.cost}")

    def get(self, key: str, default: str | None = None) -> str | None:
        for k, v in self.meta:
            if k == key:
                return v
        return default


class Ballot(_Value):
    """One voter's ballot.

    ``Ballot(projects, points=None, voter_id="", meta=())``: ``projects`` lists project ids in
    the order given (the order matters for ordinal ballots); ``points`` is parallel to it for
    cumulative and scoring ballots, else ``None``.
    """

    _fields = ("projects", "points", "voter_id", "meta")
    __slots__ = _fields

    projects: tuple[str, ...]
    points: tuple[Fraction, ...] | None
    voter_id: str
    meta: tuple[tuple[str, str], ...]

    def __init__(
        self,
        projects: tuple[str, ...] | list[str],
        points: tuple[Number, ...] | list[Number] | None = None,
        voter_id: str = "",
        meta: Mapping[str, str] | tuple[tuple[str, str], ...] = (),
    ) -> None:
        if not isinstance(projects, tuple):
            projects = tuple(str(p) for p in projects)
        if points is not None:
            points = tuple(to_fraction(p) for p in points)
            if len(points) != len(projects):
                raise ValueError(
                    f"ballot {voter_id}: {len(points)} points for {len(projects)} projects"
                )
        if not isinstance(meta, tuple):
            meta = _freeze_meta(meta)
        init = object.__setattr__
        init(self, "projects", projects)
        init(self, "points", points)
        init(self, "voter_id", voter_id)
        init(self, "meta", meta)


def _limits(low: object, high: object) -> str:
    if low is None:
        return f"at most {high}"
    if high is None:
        return f"at least {low}"
    return f"from {low} to {high}"


# What each kind of warning means, in English (the command line); the web app words them
# in Dutch (voorop.budgeting.pb_errors). Each takes its ``args`` as format fields.
WARNING_KINDS: dict[str, str] = {
    "duplicate_in_vote": (
        "a vote names the same project more than once ({projects}); it counts once in that vote"
    ),
    "empty_vote": "an empty vote; the voter counts, supporting no project",
    "vote_too_long": (
        "a vote names more projects than max_length {max_length} allows; counted as cast"
    ),
    "vote_too_short": (
        "a vote names fewer projects than min_length {min_length} asks; counted as cast"
    ),
    "points_out_of_range": "a vote gives points outside {range}; counted as given",
    "points_sum_out_of_range": (
        "the points of a vote add up to a total outside {range}; counted as given"
    ),
    "duplicate_voter_id": "a voter_id used before; each line counts as a voter",
    "duplicate_project": (
        "a project listed again with the same cost ({projects}); the first line is used"
    ),
    "num_votes_mismatch": (
        "META num_votes is {stated}, but the file has {counted} votes; the votes count"
    ),
    "num_projects_mismatch": (
        "META num_projects is {stated}, but the file has {counted} projects; the projects count"
    ),
    "duplicate_meta_key": "a META key given again ({keys}); the last value is used",
    "meta_extra_fields": (
        "a META value contains ';' without quotes ({keys}); the whole rest of the line is the value"
    ),
    "no_vote_type": "META has no vote_type; the votes are read as approval votes",
    "no_project_id_column": (
        "the PROJECTS header has no column project_id; the first column ({column}) is the "
        "project id"
    ),
    "no_votes": "the file has no votes",
}


class PbWarning(_Value):
    """Something odd in a pabulib file that the reader still read, in one way only (the way
    pabutools reads it): ``PbWarning(kind, lines=(), args={})``.

    One warning per kind, naming every line where it occurs (``lines``, ascending; empty for
    a property of the file as a whole). ``kind`` is a key of :data:`WARNING_KINDS`; ``args``
    holds the values its message names (JSON types only: project ids, META keys, limits).
    """

    _fields = ("kind", "lines", "args")
    __slots__ = _fields

    kind: str
    lines: tuple[int, ...]
    args: Mapping[str, Any]

    def __init__(self, kind: str, lines: tuple[int, ...] = (), args: Mapping = _NO_DATA) -> None:
        if kind not in WARNING_KINDS:
            raise ValueError(f"unknown warning kind {kind!r}")
        init = object.__setattr__
        init(self, "kind", kind)
        init(self, "lines", tuple(lines))
        init(self, "args", {} if args is _NO_DATA else dict(args))

    def message(self) -> str:
        """The warning in English, without the lines: ``"an empty vote; the voter ..."``."""
        fields: dict[str, Any] = {}
        for key, value in self.args.items():
            if isinstance(value, list):
                joined = ", ".join(map(str, value))
                if key == "projects":
                    joined = f"project{'s' if len(value) > 1 else ''} {joined}"
                value = joined
            fields[key] = value
        if "range" not in fields:
            for low, high in (("min_points", "max_points"), ("min_sum_points", "max_sum_points")):
                if low in self.args or high in self.args:
                    fields["range"] = _limits(self.args.get(low), self.args.get(high))
        return WARNING_KINDS[self.kind].format_map(fields)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message(),
            "lines": list(self.lines),
            "args": dict(self.args),
        }


class Election(_Value):
    """A participatory-budgeting election (a pabulib instance plus its profile).

    ``Election(projects, ballots, budget, ballot_type="approval", min_length=None,
    max_length=None, min_points=None, max_points=None, min_sum_points=None,
    max_sum_points=None, meta=(), source="", warnings=())``. ``meta`` keeps every META entry
    of the file verbatim (including ``rule``, ``min_project_score_threshold``, ...); the typed
    fields are parsed from it. ``source`` (the file name, for messages) and ``warnings`` (what
    the reader found odd but could read, see :class:`PbWarning`) are not compared.
    """

    _fields = (
        "projects",
        "ballots",
        "budget",
        "ballot_type",
        "min_length",
        "max_length",
        "min_points",
        "max_points",
        "min_sum_points",
        "max_sum_points",
        "meta",
        "source",
        # What was odd in the file it was read from (see PbWarning); not compared.
        "warnings",
        # How many voters cast each distinct vote (see election_vote_counts); the reader
        # fills it in, it is computed on first use otherwise. Neither compared nor shown.
        "_vote_counts",
    )
    __slots__ = _fields
    _compare = _fields[:11]
    _repr = _fields[:12]

    projects: tuple[Project, ...]
    ballots: tuple[Ballot, ...]
    budget: Fraction
    ballot_type: str
    min_length: int | None
    max_length: int | None
    min_points: Fraction | None
    max_points: Fraction | None
    min_sum_points: Fraction | None
    max_sum_points: Fraction | None
    meta: tuple[tuple[str, str], ...]
    source: str
    warnings: tuple[PbWarning, ...]
    _vote_counts: Counter | None

    def __init__(
        self,
        projects: tuple[Project, ...] | list[Project],
        ballots: tuple[Ballot, ...] | list[Ballot],
        budget: Number,
        ballot_type: str = "approval",
        min_length: int | None = None,
        max_length: int | None = None,
        min_points: Number | None = None,
        max_points: Number | None = None,
        min_sum_points: Number | None = None,
        max_sum_points: Number | None = None,
        meta: Mapping[str, str] | tuple[tuple[str, str], ...] = (),
        source: str = "",
        warnings: tuple[PbWarning, ...] = (),
    ) -> None:
        init = object.__setattr__
        init(self, "projects", projects if isinstance(projects, tuple) else tuple(projects))
        init(self, "ballots", ballots if isinstance(ballots, tuple) else tuple(ballots))
        init(self, "budget", to_fraction(budget))
        init(self, "ballot_type", ballot_type)
        init(self, "min_length", min_length)
        init(self, "max_length", max_length)
        for name, value in (
            ("min_points", min_points),
            ("max_points", max_points),
            ("min_sum_points", min_sum_points),
            ("max_sum_points", max_sum_points),
        ):
            init(self, name, None if value is None else to_fraction(value))
        init(self, "meta", _freeze_meta(meta))
        init(self, "source", source)
        init(self, "warnings", tuple(warnings))
        init(self, "_vote_counts", None)
        if ballot_type not in BALLOT_TYPES:
            raise ValueError(f"unknown ballot type {ballot_type!r}")
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


class Unfunded(_Value):
    """Why a project was not funded: ``Unfunded(project_id, reason, data={})``.

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

    _fields = ("project_id", "reason", "data")
    __slots__ = _fields

    project_id: str
    reason: str
    data: Mapping[str, Any]

    def __init__(self, project_id: str, reason: str, data: Mapping[str, Any] = _NO_DATA) -> None:
        init = object.__setattr__
        init(self, "project_id", project_id)
        init(self, "reason", reason)
        init(self, "data", {} if data is _NO_DATA else data)


class Outcome(_Value):
    """The result of :func:`compute`.

    ``selected`` is in the order of the projects in the election (the file order);
    ``selection_order`` in the order the rule picked them.
    """

    _fields = (
        "selected",
        "selection_order",
        "total_cost",
        "budget",
        "rule",
        "completion",
        "tie_breaking",
        "seed",
        "engine_version",
        "votes",
        "unfunded",
        "ballots_digest",
        "details",
    )
    __slots__ = _fields

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
    details: Mapping[str, Any]

    def __init__(
        self,
        selected: tuple[str, ...],
        selection_order: tuple[str, ...],
        total_cost: Fraction,
        budget: Fraction,
        rule: str,
        completion: str,
        tie_breaking: str,
        seed: str,
        engine_version: str,
        votes: Mapping[str, int | Fraction],
        unfunded: tuple[Unfunded, ...],
        ballots_digest: str,
        details: Mapping[str, Any] = _NO_DATA,
    ) -> None:
        init = object.__setattr__
        init(self, "selected", selected)
        init(self, "selection_order", selection_order)
        init(self, "total_cost", total_cost)
        init(self, "budget", budget)
        init(self, "rule", rule)
        init(self, "completion", completion)
        init(self, "tie_breaking", tie_breaking)
        init(self, "seed", seed)
        init(self, "engine_version", engine_version)
        init(self, "votes", votes)
        init(self, "unfunded", unfunded)
        init(self, "ballots_digest", ballots_digest)
        init(self, "details", {} if details is _NO_DATA else details)

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


def _new_ballots(projects: list[tuple[str, ...]], points: list | None = None) -> list[Ballot]:
    """Ballots without voter data, made without ``Ballot.__init__`` (half the time, which
    counts for the tens of thousands of distinct votes of a big file). ``projects`` must be
    tuples of str and ``points`` (when given) tuples of Fraction of the same lengths: what
    ``Ballot.__init__`` would make of them."""
    n = len(projects)
    ballots = list(map(object.__new__, repeat(Ballot, n)))
    for name, values in (
        ("projects", projects),
        ("points", repeat(None, n) if points is None else points),
        ("voter_id", repeat("", n)),
        ("meta", repeat((), n)),
    ):
        deque(map(getattr(Ballot, name).__set__, ballots, values), 0)
    return ballots


def election_vote_counts(election: Election) -> Counter:
    """:func:`vote_counts` of the election's ballots, computed once per election."""
    counts = election._vote_counts
    if counts is None:
        counts = vote_counts(election.ballots)
        object.__setattr__(election, "_vote_counts", counts)
    return counts


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
    import hashlib

    if counts is None:
        counts = election_vote_counts(election)
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
