"""The public draw: turning a seed fixed in advance into a panel and an ordered reserve list.

Seed derivation (stable, documented so anyone can recompute a draw):

    key   = SHA-256( UTF-8( "voorop-sortition/" + purpose + "/" + seed ) )
    state = numpy.random.PCG64( int.from_bytes(key[:16], "big") )

with purpose "panel" for the panel and "reserves" for the reserves. Only
``PCG64.random_raw()`` is used, whose output stream numpy guarantees stable across versions
(NEP 19); numbers are derived from it by the formulas below, not by numpy's distribution
methods, which numpy may change.

  * uniform in [0, 1):  (raw >> 11) * 2**-53
  * integer in [0, m):  rejection sampling on raw (no modulo bias)

The panel: panels in the distribution's canonical order (sorted), cumulative probabilities
summed left to right with math.fsum; the first panel whose cumulative sum exceeds
u * total is drawn.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

import numpy as np

from .compiled import Compiled, compile_problem
from .model import Distribution, Draw, Pool, PoolError, Quota, Reserve

_TWO_TO_64 = 1 << 64


class SeedStream:
    """Deterministic random numbers derived from a public seed string."""

    def __init__(self, seed: str | int, purpose: str) -> None:
        key = hashlib.sha256(f"voorop-sortition/{purpose}/{seed}".encode()).digest()
        self._bits = np.random.PCG64(int.from_bytes(key[:16], "big"))

    def raw(self) -> int:
        return int(self._bits.random_raw())

    def uniform(self) -> float:
        return (self.raw() >> 11) * 2.0**-53

    def below(self, m: int) -> int:
        if m <= 0:
            raise ValueError("m must be positive")
        limit = _TWO_TO_64 - (_TWO_TO_64 % m)
        while True:
            r = self.raw()
            if r < limit:
                return r % m

    def shuffle(self, items: list) -> list:
        """Fisher-Yates, in place; returns the list."""
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]
        return items


def draw_panel(distribution: Distribution, seed: str | int) -> Draw:
    """Draw one panel from `distribution` with a seed fixed in advance (see module doc)."""
    if not distribution.panels:
        raise PoolError("The distribution has no panels.")
    u = SeedStream(seed, "panel").uniform()
    total = math.fsum(distribution.panel_probabilities)
    target = u * total
    cumulative: list[float] = []
    for i in range(len(distribution.panel_probabilities)):
        cumulative.append(math.fsum(distribution.panel_probabilities[: i + 1]))
    index = next((i for i, c in enumerate(cumulative) if c > target), len(distribution.panels) - 1)
    return Draw(
        panel=tuple(distribution.panels[index]),
        panel_index=index,
        seed=str(seed),
        random_value=u,
    )


def _swap_ok(problem: Compiled, counts: np.ndarray, leave: int, enter: np.ndarray) -> np.ndarray:
    """For each candidate in `enter`: does replacing `leave` by it keep every quota?"""
    aq = problem.agent_quota
    out_q = aq[leave]
    can_leave = counts[out_q] - 1 >= problem.lower[out_q]  # (F,)
    in_q = aq[enter]  # (m, F)
    can_enter = counts[in_q] + 1 <= problem.upper[in_q]
    same = in_q == out_q[None, :]
    return np.all(same | (can_leave[None, :] & can_enter), axis=1)


def _household_ok(problem: Compiled, panel: set[int], leave: int, enter: np.ndarray) -> np.ndarray:
    if not problem.households:
        return np.ones(len(enter), dtype=bool)
    group_of = {}
    for g, members in enumerate(problem.households):
        for a in members:
            group_of[int(a)] = g
    busy = {group_of[a] for a in panel if a in group_of and a != leave}
    return np.array([group_of.get(int(a), -1) not in busy for a in enter], dtype=bool)


def _panel_indices(problem: Compiled, panel: Sequence[str]) -> list[int]:
    where = {pid: i for i, pid in enumerate(problem.ids)}
    missing = [p for p in panel if p not in where]
    if missing:
        raise PoolError(f"Panel members not in the pool: {', '.join(missing[:5])}")
    return [where[p] for p in panel]


def draw_reserves(
    pool: Pool,
    quotas: Sequence[Quota],
    panel: Sequence[str],
    seed: str | int,
    *,
    count: int | None = None,
    households: bool = False,
) -> tuple[Reserve, ...]:
    """An ordered reserve list for `panel`, drawn with `seed` (purpose "reserves").

    Design: the panel members are put in a seeded random order; going round that order, each
    member gets one reserve drawn uniformly from the people outside the panel whose swap with
    that member keeps every quota, preferring people with exactly the member's feature values
    (such a swap always keeps the quotas, whatever else changes later). Each reserve lists all
    panel members it can replace. On a drop-out, call the first unused reserve that lists the
    drop-out (or use `find_replacement`, which re-checks against the current panel).
    count defaults to the panel size; fewer are returned if the pool runs out.
    """
    problem = compile_problem(pool, quotas, len(panel), households=households)
    members = _panel_indices(problem, sorted(panel))
    member_set = set(members)
    counts = problem.counts(np.array(members, dtype=np.int64))
    profile = problem.profile_keys()
    outside = np.array([a for a in range(problem.n) if a not in member_set], dtype=np.int64)
    valid: dict[int, np.ndarray] = {}
    for m in members:
        ok = _swap_ok(problem, counts, m, outside) & _household_ok(problem, member_set, m, outside)
        valid[m] = outside[ok]
    stream = SeedStream(seed, "reserves")
    order = stream.shuffle(list(members))
    wanted = len(panel) if count is None else count
    used: set[int] = set()
    reserves: list[Reserve] = []
    progress = True
    while len(reserves) < wanted and progress:
        progress = False
        for m in order:
            if len(reserves) >= wanted:
                break
            options = [int(a) for a in valid[m] if int(a) not in used]
            if not options:
                continue
            same = [a for a in options if profile[a] == profile[m]]
            pick_from = same or options
            chosen = pick_from[stream.below(len(pick_from))]
            used.add(chosen)
            replaces = tuple(sorted(problem.ids[x] for x in members if chosen in set(valid[x])))
            reserves.append(
                Reserve(
                    rank=len(reserves) + 1,
                    person_id=problem.ids[chosen],
                    replaces=replaces,
                    drawn_for=problem.ids[m],
                    same_profile=bool(same),
                )
            )
            progress = True
    return tuple(reserves)


def find_replacement(
    pool: Pool,
    quotas: Sequence[Quota],
    current_panel: Sequence[str],
    drop_out: str,
    reserves: Sequence[Reserve],
    *,
    used: Sequence[str] = (),
    households: bool = False,
) -> Reserve | None:
    """The first reserve (by rank, not yet used, not on the panel) who can take `drop_out`'s
    seat in `current_panel` without breaking any quota; None if nobody can."""
    problem = compile_problem(pool, quotas, len(current_panel), households=households)
    members = _panel_indices(problem, current_panel)
    if drop_out not in current_panel:
        raise PoolError(f"{drop_out!r} is not on the panel.")
    leave = members[list(current_panel).index(drop_out)]
    counts = problem.counts(np.array(members, dtype=np.int64))
    skip = set(used) | set(current_panel)
    candidates = [r for r in sorted(reserves, key=lambda r: r.rank) if r.person_id not in skip]
    if not candidates:
        return None
    enter = np.array(_panel_indices(problem, [r.person_id for r in candidates]), dtype=np.int64)
    ok = _swap_ok(problem, counts, leave, enter) & _household_ok(
        problem, set(members), leave, enter
    )
    for reserve, good in zip(candidates, ok, strict=True):
        if good:
            return reserve
    return None
