"""The opinion map: Pol.is's conversation update, first computation and incremental.

``compute_map`` runs every step of Pol.is's math on the votes so far; ``update_map`` runs
the same steps warm-started from the previous map, as Pol.is does on every batch of new votes
(components, base clusters, groups for every number of groups and the group-k smoother carry
over), so the groups keep their numbers and do not jump about while a conversation runs.
``place_participant`` puts one voter on an existing map at once, without any clustering.
See docs/decisions/0013-opinion-map.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from . import stats
from .clusters import distance_matrix, kmeans, silhouette
from .matrix import VoteMatrix
from .model import (
    Cluster,
    FloatArray,
    Group,
    KSmoother,
    MapOptions,
    MapState,
    OpinionMap,
    Placement,
    Statement,
    StatementSummary,
    StatementVotes,
    Vote,
)
from .pca import pca, project, project_statements
from .projection import Projection


def _in_conversation(
    participants: Sequence[str], counts: np.ndarray, n_statements: int, options: MapOptions,
    previous: frozenset[str],
) -> np.ndarray:  # fmt: skip
    """Once in, always in; then everyone with enough votes; then the most active up to 15."""
    member = np.array([p in previous for p in participants], dtype=bool)
    member |= counts >= min(options.min_votes, n_statements)
    missing = options.min_participants - int(member.sum())
    if missing > 0:
        order = np.argsort(-counts, kind="stable")
        extra = [i for i in order if not member[i] and counts[i] > 0][:missing]
        member[extra] = True
    return member


def _smooth(silhouettes: Mapping[int, float], previous: KSmoother | None, buffer: int) -> KSmoother:
    # Clojure's max-key over k = 2, 3, ...: the last of equal maxima, i.e. the larger k.
    this_k = max(sorted(silhouettes), key=lambda k: (silhouettes[k], k))
    if previous is None:
        return KSmoother(this_k, 1, this_k)
    count = previous.last_k_count + 1 if previous.last_k == this_k else 1
    smoothed = this_k if count >= buffer else previous.smoothed_k
    if smoothed not in silhouettes:
        # The conversation shrank below the remembered number of groups (Pol.is clamps too).
        smoothed = min(max(silhouettes), max(smoothed, min(silhouettes)))
    return KSmoother(this_k, count, smoothed)


def _align(state: MapState | None, statements: Sequence[str]) -> FloatArray | None:
    if state is None:
        return None
    index = {s: j for j, s in enumerate(state.statements)}
    start = np.zeros((2, len(statements)))
    for j, s in enumerate(statements):
        k = index.get(s)
        if k is not None:
            start[0, j] = state.components[0][k]
            start[1, j] = state.components[1][k]
    return start


def compute_map(
    matrix: VoteMatrix,
    statements: Iterable[Statement] = (),
    *,
    options: MapOptions | None = None,
    previous: MapState | None = None,
) -> OpinionMap:
    """The map of a conversation: groups, where everyone stands, what characterises each group.

    ``statements`` gives moderation and meta flags (statements not given count as ordinary).
    ``previous`` is the state of the last map of the same conversation (``update_map``).
    Deterministic: the same votes in the same order give the same map.
    """
    options = options or MapOptions()
    flags = {s.id: s for s in statements}
    voted = ~np.isnan(matrix.values).all(axis=0)
    # Pol.is only knows statements that someone voted on.
    keep = np.flatnonzero(voted)
    statement_ids = [matrix.statements[j] for j in keep]
    raw = np.asarray(matrix.values[:, keep], dtype=np.float64)
    left_out = np.array(
        [s in flags and flags[s].left_out for s in statement_ids], dtype=bool
    ).reshape(-1)
    meta = {j: flags[s].is_meta for j, s in enumerate(statement_ids) if s in flags}
    participants = matrix.participants
    n, c = raw.shape

    rating = raw.copy()
    rating[:, left_out] = 0.0  # Pol.is's zero-out-columns: a vote of 0 for everyone
    counts = (~np.isnan(raw)).sum(axis=1)
    in_conv = _in_conversation(
        participants, counts, c, options, previous.in_conversation if previous else frozenset()
    )
    result = pca(rating, options.fill_missing, _align(previous, statement_ids))
    points = project(rating, result) if n else np.zeros((0, 2))

    members = np.flatnonzero(in_conv)
    member_names = [participants[i] for i in members]
    base = kmeans(
        member_names,
        points[members],
        options.base_k,
        iterations=options.base_iterations,
        previous=previous.base_clusters if previous else None,
    )
    base_ids = [str(b.id) for b in base]
    base_centers = np.array([b.center for b in base]).reshape(-1, 2)
    base_weights = np.array([len(b.members) for b in base], dtype=np.float64)
    silhouettes: dict[int, float] = {}
    clusterings: dict[int, tuple[Cluster, ...]] = (
        dict(previous.group_clusterings) if previous else {}
    )
    if len(base) >= 2:
        distances = distance_matrix(base_centers)
        max_k = min(options.max_k, 2 + len(base) // 12)
        for k in range(2, max_k + 1):
            groups_k = kmeans(
                base_ids,
                base_centers,
                k,
                iterations=options.group_iterations,
                previous=clusterings.get(k) if previous else None,
                weights=base_weights,
            )
            clusterings[k] = tuple(groups_k)
            label_of = {m: g.id for g in groups_k for m in g.members}
            labels = np.array([label_of[b] for b in base_ids])
            silhouettes[k] = silhouette(distances, labels)
    smoother = previous.smoother if previous else None
    if silhouettes:
        smoother = _smooth(silhouettes, smoother, options.k_buffer)
    chosen: tuple[Cluster, ...] = ()
    if silhouettes and smoother is not None:
        chosen = clusterings[smoother.smoothed_k]

    group_of_base = {m: g.id for g in chosen for m in g.members}
    group_of: dict[str, int] = {}
    for b in base:
        gid = group_of_base.get(str(b.id))
        if gid is not None:
            for p in b.members:
                group_of[p] = gid
    group_ids = [g.id for g in chosen]
    position = {gid: i for i, gid in enumerate(group_ids)}
    labels = np.array([position.get(group_of.get(p, -1), -1) for p in participants], dtype=int)
    labels = labels.reshape(-1)

    tally = stats.tally(raw, labels, len(group_ids))
    statement_points = project_statements(result)
    extremity = np.linalg.norm(statement_points, axis=1)
    gic = stats.group_informed_consensus(tally)
    spreads = stats.spread(tally)
    weights = stats.priorities(tally, extremity, meta)
    representative = stats.representative(tally, statement_ids, left_out, group_ids)
    majority = stats.majority(raw, statement_ids, left_out)

    summaries = tuple(
        StatementSummary(
            statement=s,
            left_out=bool(left_out[j]),
            x=float(statement_points[j, 0]),
            y=float(statement_points[j, 1]),
            extremity=float(extremity[j]),
            votes=StatementVotes(
                int(tally.agree[:, j].sum()),
                int(tally.disagree[:, j].sum()),
                int(tally.seen[:, j].sum()),
            ),
            group_votes={
                gid: StatementVotes(
                    int(tally.agree[g, j]), int(tally.disagree[g, j]), int(tally.seen[g, j])
                )
                for g, gid in enumerate(group_ids)
            },
            group_informed_consensus=float(gic[j]),
            spread=float(spreads[j]),
            priority=float(weights[j]),
        )
        for j, s in enumerate(statement_ids)
    )
    eligible = [j for j in range(c) if not left_out[j]]
    consensus: list[str] = []
    divisive: list[str] = []
    if group_ids:
        bar = options.consensus_threshold ** len(group_ids)
        by_gic = sorted((j for j in eligible if gic[j] >= bar), key=lambda j: -gic[j])
        consensus = [statement_ids[j] for j in by_gic[: options.max_listed]]
        by_spread = sorted(
            (j for j in eligible if spreads[j] >= options.divisive_spread),
            key=lambda j: -spreads[j],
        )
        divisive = [statement_ids[j] for j in by_spread[: options.max_listed]]

    groups = tuple(
        Group(
            g.id,
            sum(1 for p in participants if group_of.get(p) == g.id),
            g.center,
            tuple(p for p in participants if group_of.get(p) == g.id),
        )
        for g in chosen
    )
    placements = tuple(
        Placement(p, float(points[i, 0]), float(points[i, 1]), group_of.get(p), int(counts[i]))
        for i, p in enumerate(participants)
    )
    state = MapState(
        statements=tuple(statement_ids),
        components=(
            tuple(float(v) for v in result.components[0]),
            tuple(float(v) for v in result.components[1]),
        ),
        in_conversation=frozenset(member_names),
        base_clusters=tuple(base),
        group_clusterings=clusterings,
        smoother=smoother or KSmoother(0, 0, 0),
        updates=previous.updates + 1 if previous else 1,
    )
    return OpinionMap(
        participants=placements,
        groups=groups,
        representative=representative,
        consensus=tuple(consensus),
        divisive=tuple(divisive),
        majority=majority,
        statements=summaries,
        silhouettes=silhouettes,
        state=state,
        center=tuple(float(v) for v in result.center),
    )


def update_map(
    previous: OpinionMap | MapState,
    matrix: VoteMatrix,
    statements: Iterable[Statement] = (),
    *,
    options: MapOptions | None = None,
) -> OpinionMap:
    """The map after new votes, warm-started from the previous one (Pol.is's conv-update)."""
    state = previous.state if isinstance(previous, OpinionMap) else previous
    return compute_map(matrix, statements, options=options, previous=state)


def place_participant(
    opinion_map: OpinionMap,
    votes: Mapping[str, Vote],
    *,
    participant: str = "",
    options: MapOptions | None = None,
) -> Placement:
    """Where a voter stands on ``opinion_map`` with ``votes``, at once (no clustering).

    The position is Pol.is's projection on the map's components; the group is that of the
    nearest base cluster once the voter has enough votes to be grouped (which is where the
    next update puts them), else None. Votes on statements the map does not know yet are
    counted but cannot move the position.
    """
    state = opinion_map.state
    grouped = participant in state.in_conversation
    return Projection.of(opinion_map, options).place(
        votes, participant=participant, grouped=grouped
    )
