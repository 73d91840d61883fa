"""Plain data types of the opinion-map engine: what goes in and what comes out.

Votes use the sign convention of Pol.is's open-data export (agree 1, disagree -1, pass 0);
Pol.is's math works internally with the opposite sign for agree and disagree, which changes
nothing in the groups. Everything a caller gets back is immutable; the one numpy array
(`VoteMatrix.values`) is made read-only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

ENGINE_VERSION = "1.0.0"
"""Version of the opinion-map engine; stored with every published map so it can be recomputed."""

FloatArray = npt.NDArray[np.float64]


class OpinionsError(ValueError):
    """Input the engine cannot work with; the message says what and where, in English."""


class PolisFormatError(OpinionsError):
    """A Pol.is export file that cannot be read: ``FILE:LINE: message``."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message


class Vote(IntEnum):
    """One participant's answer to one statement (Pol.is export convention)."""

    AGREE = 1
    DISAGREE = -1
    PASS = 0


class Moderation(IntEnum):
    """Pol.is's moderation states: rejected statements are left out of the map."""

    REJECTED = -1
    UNMODERATED = 0
    ACCEPTED = 1


class RepfulFor(StrEnum):
    """Whether a statement characterises a group by its agreement or its disagreement."""

    AGREE = "agree"
    DISAGREE = "disagree"


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement (stelling) as far as the map needs it."""

    id: str
    text: str = ""
    author: str | None = None
    moderation: Moderation = Moderation.UNMODERATED
    is_meta: bool = False
    """A statement about the conversation itself ("I am a resident"): shown, never grouped on."""
    created_ms: int | None = None
    """Milliseconds since 1970 (as in Pol.is's export), when known."""

    @property
    def left_out(self) -> bool:
        """Left out of the map, as Pol.is leaves out moderated and meta statements."""
        return self.moderation is Moderation.REJECTED or self.is_meta


@dataclass(frozen=True, slots=True)
class VoteRecord:
    """One vote; a later record for the same participant and statement replaces the earlier."""

    participant: str
    statement: str
    vote: Vote
    at_ms: int | None = None


@dataclass(frozen=True, slots=True)
class MapOptions:
    """The parameters of Pol.is's math (polismath defaults), and the few choices of our own."""

    min_votes: int = 7
    """A participant is grouped after this many votes (fewer when there are fewer statements)."""
    min_participants: int = 15
    """While fewer are grouped, the most active voters are grouped as well (Pol.is's greedy-n)."""
    base_k: int = 100
    """Number of base clusters (fine clusters of participants that the groups are made of)."""
    max_k: int = 5
    """At most this many opinion groups (and at most 2 + base clusters / 12)."""
    base_iterations: int = 100
    group_iterations: int = 20
    """Pol.is passes 100 under a key its k-means ignores, so its groups get the default, 20."""
    k_buffer: int = 4
    """Updates in a row a new number of groups must win before the map switches to it."""
    fill_missing: str = "column-mean"
    """``column-mean`` (Pol.is since October 2017) or ``zero`` (Pol.is before it)."""
    consensus_threshold: float = 0.6
    """A statement is consensus when its group-informed consensus is at least this to the power
    of the number of groups: on (geometric) average over the groups this likely to be agreed."""
    divisive_spread: float = 0.3
    """A statement divides the groups when the agree rates of two groups differ this much."""
    max_listed: int = 10
    """At most this many consensus and divisive statements are listed (all values are given)."""

    def __post_init__(self) -> None:
        if self.fill_missing not in ("column-mean", "zero"):
            raise OpinionsError("fill_missing must be 'column-mean' or 'zero'")
        for name in ("min_votes", "min_participants", "base_k", "base_iterations", "k_buffer"):
            if getattr(self, name) < 1:
                raise OpinionsError(f"{name} must be at least 1")
        if self.max_k < 2:
            raise OpinionsError("max_k must be at least 2")
        if self.group_iterations < 0:
            raise OpinionsError("group_iterations must not be negative")


@dataclass(frozen=True, slots=True)
class Cluster:
    """A cluster as Pol.is keeps it between updates: a stable id, its members and centre."""

    id: int
    members: tuple[str, ...]
    center: tuple[float, float]


@dataclass(frozen=True, slots=True)
class KSmoother:
    """Pol.is's group-k smoother: the number of groups changes only after it won k_buffer times."""

    last_k: int
    last_k_count: int
    smoothed_k: int


@dataclass(frozen=True, slots=True)
class MapState:
    """What the next update starts from, as Pol.is carries it from one update to the next.

    Store it with the map (``to_json_dict``) and pass it to :func:`update_map`, so that groups
    keep their numbers and do not jump about while the conversation runs.
    """

    statements: tuple[str, ...]
    components: tuple[tuple[float, ...], tuple[float, ...]]
    """The two principal components, one loading per statement in ``statements``."""
    in_conversation: frozenset[str]
    base_clusters: tuple[Cluster, ...]
    group_clusterings: Mapping[int, tuple[Cluster, ...]]
    """For every number of groups tried: groups whose members are base-cluster ids (as str)."""
    smoother: KSmoother
    updates: int = 1

    def to_json_dict(self) -> dict[str, object]:
        def clusters(items: Iterable[Cluster]) -> list[dict[str, object]]:
            return [
                {"id": c.id, "members": list(c.members), "center": list(c.center)} for c in items
            ]

        return {
            "engine_version": ENGINE_VERSION,
            "statements": list(self.statements),
            "components": [list(self.components[0]), list(self.components[1])],
            "in_conversation": sorted(self.in_conversation),
            "base_clusters": clusters(self.base_clusters),
            "group_clusterings": {
                str(k): clusters(v) for k, v in sorted(self.group_clusterings.items())
            },
            "smoother": {
                "last_k": self.smoother.last_k,
                "last_k_count": self.smoother.last_k_count,
                "smoothed_k": self.smoother.smoothed_k,
            },
            "updates": self.updates,
        }

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> MapState:
        """The inverse of :meth:`to_json_dict`; raises :class:`OpinionsError` on a bad dict."""

        def clusters(items: Iterable[Mapping[str, Any]]) -> tuple[Cluster, ...]:
            out = []
            for item in items:
                x, y = item["center"]
                members = tuple(str(m) for m in item["members"])
                out.append(Cluster(int(item["id"]), members, (float(x), float(y))))
            return tuple(out)

        try:
            first, second = data["components"]
            smoother = data["smoother"]
            return cls(
                statements=tuple(str(s) for s in data["statements"]),
                components=(tuple(float(v) for v in first), tuple(float(v) for v in second)),
                in_conversation=frozenset(str(p) for p in data["in_conversation"]),
                base_clusters=clusters(data["base_clusters"]),
                group_clusterings={
                    int(k): clusters(v) for k, v in data["group_clusterings"].items()
                },
                smoother=KSmoother(
                    int(smoother["last_k"]),
                    int(smoother["last_k_count"]),
                    int(smoother["smoothed_k"]),
                ),
                updates=int(data.get("updates", 1)),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise OpinionsError(f"not a saved map state: {exc!r}") from exc


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one participant stands on the map."""

    participant: str
    x: float
    y: float
    group: int | None
    """The opinion group, or None while the participant has too few votes to be grouped."""
    n_votes: int


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    """Stable between updates (Pol.is's cluster id); not necessarily 0..k-1."""
    size: int
    center: tuple[float, float]
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StatementVotes:
    """Votes on one statement among a set of participants (a group, or everyone grouped)."""

    agree: int
    disagree: int
    seen: int
    """Everyone who voted, passes included."""

    @property
    def passed(self) -> int:
        return self.seen - self.agree - self.disagree


@dataclass(frozen=True, slots=True)
class Representative:
    """A statement that characterises a group, with Pol.is's statistics.

    ``p_success`` is the share of the group that agreed (or disagreed) with a pseudocount,
    ``(n_success + 1) / (n_trials + 2)``; ``repness`` how many times more likely that is than
    among the other groups; the two ``*_test`` values are z-scores (1.2816 is 90 % one-sided).
    """

    statement: str
    repful_for: RepfulFor
    n_success: int
    n_trials: int
    p_success: float
    p_test: float
    repness: float
    repness_test: float
    best_agree: bool = False
    """Pol.is's pick of the statement the group most clearly agrees with (listed first)."""


@dataclass(frozen=True, slots=True)
class MajorityStatement:
    """Pol.is's single-population consensus: what most of all participants agree or disagree
    on, whatever their group."""

    statement: str
    vote: RepfulFor
    n_success: int
    n_trials: int
    p_success: float
    p_test: float


@dataclass(frozen=True, slots=True)
class StatementSummary:
    """Per statement: position on the map, votes per group and the measures derived from them."""

    statement: str
    left_out: bool
    x: float
    y: float
    extremity: float
    """Distance from the centre of the map: how much this statement separates participants."""
    votes: StatementVotes
    """Among grouped participants."""
    group_votes: Mapping[int, StatementVotes]
    group_informed_consensus: float
    """Product over the groups of (agree + 1) / (seen + 2), as Pol.is computes it."""
    spread: float
    """Largest difference between two groups in (agree + 1) / (seen + 2)."""
    priority: float
    """Pol.is's routing weight: higher for statements that tell groups apart and few have seen."""


@dataclass(frozen=True, slots=True)
class OpinionMap:
    """The outcome of one computation of the map."""

    participants: tuple[Placement, ...]
    """Every participant in the vote matrix, in its order."""
    groups: tuple[Group, ...]
    """Sorted by id."""
    representative: Mapping[int, tuple[Representative, ...]]
    """Per group id: up to five statements, agreement before disagreement (Pol.is's order)."""
    consensus: tuple[str, ...]
    """Statements with broad agreement across all groups, highest group-informed consensus first."""
    divisive: tuple[str, ...]
    """Statements on which the groups differ most, largest spread first."""
    majority: tuple[MajorityStatement, ...]
    """Pol.is's consensus over all participants: up to five agreed and five disagreed."""
    statements: tuple[StatementSummary, ...]
    """Every statement that has votes, in the matrix's order."""
    silhouettes: Mapping[int, float]
    """Silhouette per number of groups tried (the best one chooses the number of groups)."""
    state: MapState
    center: tuple[float, ...] = field(repr=False, default=())
    """Mean vote per statement of ``state.statements``: needed to place a new voter."""
    engine_version: str = ENGINE_VERSION

    def group_of(self) -> dict[str, int | None]:
        """Participant id to group id (None when not grouped)."""
        return {p.participant: p.group for p in self.participants}

    def by_statement(self) -> dict[str, StatementSummary]:
        return {s.statement: s for s in self.statements}
