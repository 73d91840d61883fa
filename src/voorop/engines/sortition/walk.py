"""A lottery over panels for a target point, built by a Carathéodory walk.

The relaxed leximin point `π` (relaxation.py) lies in the polytope R of fractional panels.
Realising it as a lottery with column generation needs a master LP whose basis grows to
about n panels; on 2,000 respondents that LP alone takes many minutes. The walk below
finds almost all of the lottery without any LP:

    p := π, W := 1 (the weight still to place)
    repeat: take a panel v on the smallest face of R that contains p
            (every count that is at a bound in p is at that bound in v, everyone at
            probability 0 or 1 in p is out of or in v);
            move away from v through p until p' hits one more bound:
                p' = p + t (p - v),  t as large as R allows;
            then p = (p' + t v) / (1 + t): v gets weight W t / (1 + t), and
            W := W / (1 + t), p := p'.

Every step puts one more person at 0 or 1 or one more count at a bound, so after at most
n + (number of quota rows) steps p is a panel; W shrinks geometrically (below 10⁻⁷ after a
few hundred to two thousand steps on our pools). Because R can be slightly larger than the
set of lotteries, the walk may reach a face without any panel on it ("stuck"); in our
measurements that happened with W between 10⁻⁸ and 10⁻⁵. What the walk found is handed to the
master LP of colgen.decompose, which re-weights it and closes the remaining gap to its
tolerance (see colgen.leximin_by_relaxation), so the result never depends on the walk being
right.

Finding v: the previous v violates just the new bound, so a swap repair plus the swap local
search (pricing.PanelOracle.improve, with the face's counts as bounds) usually gives a panel
on the new face in milliseconds; when it does not, the face's LP optimum (a vertex with
few fractions) rounded and repaired the same way; only then a HiGHS MIP over the face.
v is chosen to contain the people with high p and leave out those with low p (objective
log(p / (1 - p))), which makes the steps long.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np

from ._highs import is_optimal, panel_model
from ._monitor import Monitor
from .compiled import Compiled
from .pricing import PanelOracle

# p_i within this of 0 or 1 counts as at the bound.
PROBABILITY_TOL = 1e-9
# A count within this of its min or max (or beyond it: the relaxation's LP meets its rows
# within solver tolerances) counts as at the bound.
COUNT_TOL = 1e-6
# Stop once the weight still to place is this small; the master LP takes the rest. Each
# step scales the point's rounding errors by 1 + t, i.e. by 1 / (weight left) in all, so
# going further would trust digits the point no longer has.
NEGLIGIBLE_WEIGHT = 1e-9
# Local search: swaps per search, and weight of a person on the wrong side of a fixed 0/1
# against one unit of count violation while repairing.
MAX_SWAPS = 50
WRONG_SIDE_COST = 3.0
REPAIR_ROUNDS = 50
# The MIP only has to find a good panel on the face, not the best one.
FACE_MIP_GAP = 1e-3
FACE_MIP_SECONDS = 30.0
FORCE_WEIGHT = 1e6


@dataclass
class Walk:
    panels: list[np.ndarray]
    """The panels in the order the walk took them (agent indices, sorted)."""
    weights: list[float]
    residual: float
    """Weight not placed (the point where the walk ended had no panel, or was negligible)."""
    end: np.ndarray
    """Where the walk ended: target = sum(weights * panels) + residual * end."""
    steps: int
    mip_calls: int
    seconds: float


class _Face:
    """The smallest face of R containing the current point: fixed people and counts."""

    def __init__(self, problem: Compiled) -> None:
        self.problem = problem
        n = problem.n
        self.fixed = np.zeros(n, dtype=bool)
        self.must_in = np.zeros(n, dtype=bool)
        self.must_out = np.zeros(n, dtype=bool)
        self.lower = problem.lower.astype(np.float64).copy()
        self.upper = problem.upper.astype(np.float64).copy()
        self.tight = np.zeros(problem.n_quotas, dtype=bool)
        self.household = problem.household_of()
        self.house_full = np.zeros(len(problem.households), dtype=bool)
        self.mip = _FaceMIP(problem)

    def counts(self, x: np.ndarray) -> np.ndarray:
        aq = self.problem.agent_quota
        return np.bincount(
            aq.ravel(), weights=np.repeat(x, aq.shape[1]), minlength=self.problem.n_quotas
        )

    def house_counts(self, x: np.ndarray) -> np.ndarray:
        member = self.household >= 0
        return np.bincount(
            self.household[member], weights=x[member], minlength=len(self.problem.households)
        )

    def tighten(self, p: np.ndarray) -> None:
        """Add every bound p has reached (snapping p onto it)."""
        zero = ~self.fixed & (p <= PROBABILITY_TOL)
        one = ~self.fixed & (p >= 1 - PROBABILITY_TOL)
        p[zero] = 0.0
        p[one] = 1.0
        self.fixed |= zero | one
        self.must_out |= zero
        self.must_in |= one
        for i in np.flatnonzero(zero | one):
            self.mip.fix_person(int(i), float(p[i]))
        s = self.counts(p)
        at_min = ~self.tight & (s <= self.problem.lower + COUNT_TOL)
        at_max = ~self.tight & (s >= self.problem.upper - COUNT_TOL)
        for q in np.flatnonzero(at_min | at_max):
            value = float(self.problem.lower[q] if at_min[q] else self.problem.upper[q])
            self.lower[q] = self.upper[q] = value
            self.mip.fix_count(int(q), value)
        self.tight |= at_min | at_max
        if len(self.house_full):
            full = ~self.house_full & (self.house_counts(p) >= 1 - COUNT_TOL)
            for g in np.flatnonzero(full):
                self.mip.fill_household(int(g))
            self.house_full |= full

    def holds(self, inside: np.ndarray) -> bool:
        if np.any(inside & self.must_out) or np.any(~inside & self.must_in):
            return False
        c = self.counts(inside.astype(np.float64))
        if np.any(c < self.lower) or np.any(c > self.upper):
            return False
        if len(self.house_full):
            h = self.house_counts(inside.astype(np.float64))
            if np.any(h > 1) or np.any(h[self.house_full] != 1):
                return False
        return True

    def step_length(self, p: np.ndarray, inside: np.ndarray) -> float:
        """The largest t with p + t (p - v) still in R."""
        free = ~self.fixed
        t = np.inf
        leaving = free & inside
        if leaving.any():
            t = min(t, float((p[leaving] / (1 - p[leaving])).min()))
        entering = free & ~inside
        if entering.any():
            t = min(t, float(((1 - p[entering]) / p[entering]).min()))
        s = self.counts(p)
        c = self.counts(inside.astype(np.float64))
        loose = ~self.tight
        rising = loose & (s > c + 1e-12)
        if rising.any():
            t = min(t, float(((self.upper[rising] - s[rising]) / (s[rising] - c[rising])).min()))
        falling = loose & (s < c - 1e-12)
        if falling.any():
            room = s[falling] - self.lower[falling]
            t = min(t, float((room / (c[falling] - s[falling])).min()))
        if len(self.house_full):
            hs = self.house_counts(p)
            hc = self.house_counts(inside.astype(np.float64))
            up = ~self.house_full & (hs > hc + 1e-12)
            if up.any():
                t = min(t, float(((1 - hs[up]) / (hs[up] - hc[up])).min()))
        return max(t, 0.0)


class _FaceMIP:
    """The pricing MIP, with the face's fixed people and counts as bounds, and its LP
    relaxation (kept in step) for a cheap start when the swap repair gets stuck."""

    def __init__(self, problem: Compiled) -> None:
        self.n = problem.n
        self.n_quotas = problem.n_quotas
        self.calls = 0
        self.h = panel_model(problem, integer=True)
        self.h.setOptionValue("mip_rel_gap", FACE_MIP_GAP)
        self.h.setOptionValue("time_limit", FACE_MIP_SECONDS)
        self.lp = panel_model(problem, integer=False)

    def fix_person(self, i: int, value: float) -> None:
        for h in (self.h, self.lp):
            h.changeColBounds(i, value, value)

    def fix_count(self, q: int, value: float) -> None:
        for h in (self.h, self.lp):
            h.changeRowBounds(1 + q, value, value)

    def fill_household(self, g: int) -> None:
        for h in (self.h, self.lp):
            h.changeRowBounds(1 + self.n_quotas + g, 1.0, 1.0)

    def relaxed(self, weights: np.ndarray) -> np.ndarray | None:
        """An optimal vertex of the face for `weights`: mostly 0/1, a few fractions."""
        lp = self.lp
        lp.changeColsCost(self.n, np.arange(self.n, dtype=np.int32), weights)
        lp.run()
        if not is_optimal(lp):
            return None
        return np.asarray(lp.getSolution().col_value)

    def solve(self, weights: np.ndarray) -> np.ndarray | None:
        self.calls += 1
        h = self.h
        h.changeColsCost(self.n, np.arange(self.n, dtype=np.int32), weights)
        h.run()
        has_solution = is_optimal(h) or (
            h.getModelStatus() == highspy.HighsModelStatus.kTimeLimit
            and h.getInfo().primal_solution_status == 2
        )
        if not has_solution:
            return None
        return np.asarray(h.getSolution().col_value) > 0.5


def _repair(
    problem: Compiled, inside: np.ndarray, face: _Face, weights: np.ndarray
) -> np.ndarray | None:
    """One-for-one swaps that bring `inside` onto the face, or None if they get stuck.

    Each round takes the swap that lowers the total violation most (people on the wrong
    side of a fixed 0/1 weigh WRONG_SIDE_COST, each count outside its bounds 1), the
    heaviest such swap by `weights` on ties."""
    aq = problem.agent_quota
    lower, upper = face.lower, face.upper

    def violation(x: np.ndarray) -> np.ndarray:
        return np.maximum(lower - x, 0) + np.maximum(x - upper, 0)

    for _ in range(REPAIR_ROUNDS):
        c = face.counts(inside.astype(np.float64))
        rows = violation(c)
        wrong = int((inside & face.must_out).sum() + (~inside & face.must_in).sum())
        if wrong == 0 and not rows.any():
            return inside
        leave_cost = violation(c - 1) - rows
        enter_cost = violation(c + 1) - rows
        ins = np.flatnonzero(inside & ~face.must_in)
        outs = np.flatnonzero(~inside & ~face.must_out)
        if len(ins) == 0 or len(outs) == 0:
            return None
        q_in = aq[ins]
        q_out = aq[outs]
        change = np.zeros((len(ins), len(outs)))
        for f in range(aq.shape[1]):
            differ = q_in[:, f, None] != q_out[None, :, f]
            change += differ * (leave_cost[q_in[:, f]][:, None] + enter_cost[q_out[:, f]][None, :])
        change -= WRONG_SIDE_COST * face.must_out[ins][:, None]
        change -= WRONG_SIDE_COST * face.must_in[outs][None, :]
        best = change.min()
        if best >= 0:
            return None
        gain = weights[outs][None, :] - weights[ins][:, None]
        gain = np.where(change <= best + 1e-12, gain, -np.inf)
        r, s = np.unravel_index(int(np.argmax(gain)), gain.shape)
        inside = inside.copy()
        inside[ins[r]] = False
        inside[outs[s]] = True
    return None


def caratheodory_walk(
    problem: Compiled,
    target: np.ndarray,
    oracle: PanelOracle,
    monitor: Monitor,
    share: tuple[float, float],
) -> Walk:
    """Panels and weights whose lottery gives `target`, up to the residual weight."""
    started = time.perf_counter()
    n = problem.n
    face = _Face(problem)
    p = np.clip(target.astype(np.float64), 0.0, 1.0)
    face.tighten(p)
    panels: list[np.ndarray] = []
    weights: list[float] = []
    remaining = 1.0
    inside: np.ndarray | None = None
    start, span = share
    steps = 0
    # Every step settles a person, a count or a household.
    limit = n + problem.n_quotas + len(problem.households)
    while remaining >= NEGLIGIBLE_WEIGHT:
        if face.fixed.all():
            # p is a panel itself (unless rounding has spoilt it).
            if face.holds(face.must_in) and problem.meets_quotas(np.flatnonzero(face.must_in)):
                panels.append(np.flatnonzero(face.must_in))
                weights.append(remaining)
                remaining = 0.0
            break
        q = np.clip(p, 1e-9, 1 - 1e-9)
        score = np.log(q / (1 - q))
        score[face.must_in] = FORCE_WEIGHT
        score[face.must_out] = -FORCE_WEIGHT
        inside = _next_panel(problem, oracle, face, inside, score)
        if inside is None:
            break  # no panel on this face: the master LP takes the rest
        # t is finite: someone is free, so 0 < p_i < 1 bounds it.
        t = face.step_length(p, inside)
        if not 0 < t < np.inf or steps > limit:
            break  # no progress (rounding): the master LP takes the rest
        panels.append(np.flatnonzero(inside))
        weights.append(remaining * t / (1 + t))
        remaining /= 1 + t
        p = np.clip((1 + t) * p - t * inside, 0.0, 1.0)
        face.tighten(p)
        steps += 1
        if steps % 20 == 0:
            done = int(face.fixed.sum())
            monitor.report(
                start + span * done / n, f"Building the lottery: {done}/{n} people settled"
            )
    return Walk(
        panels=panels,
        weights=weights,
        residual=remaining,
        end=p,
        steps=steps,
        mip_calls=face.mip.calls,
        seconds=time.perf_counter() - started,
    )


def _next_panel(
    problem: Compiled,
    oracle: PanelOracle,
    face: _Face,
    previous: np.ndarray | None,
    score: np.ndarray,
) -> np.ndarray | None:
    """A panel on the face: the previous one repaired, else the face's LP optimum rounded
    and repaired, else the MIP's."""
    # Fixed people are held by their bounds; leaving their +-FORCE_WEIGHT in the objective
    # would swamp the MIP's relative gap.
    free_score = np.where(face.fixed, 0.0, score)
    if previous is not None:
        found = _repaired(problem, oracle, face, previous, score)
        if found is None:
            x = face.mip.relaxed(free_score)
            if x is not None:
                rounded = np.zeros(problem.n, dtype=bool)
                rounded[np.lexsort((-score, -x))[: problem.panel_size]] = True
                found = _repaired(problem, oracle, face, rounded, score)
        if found is not None:
            return found
    inside = face.mip.solve(free_score)
    if inside is None or not face.holds(inside):
        return None
    return inside


def _repaired(
    problem: Compiled, oracle: PanelOracle, face: _Face, start: np.ndarray, score: np.ndarray
) -> np.ndarray | None:
    repaired = _repair(problem, start, face, score)
    if repaired is None:
        return None
    bounds = (face.lower.astype(np.int64), face.upper.astype(np.int64))
    better = oracle.improve(np.flatnonzero(repaired), score, MAX_SWAPS, bounds=bounds)
    inside = np.zeros(problem.n, dtype=bool)
    inside[better] = True
    if face.holds(inside):
        return inside
    # The local search knows households only as "at most one": it may empty a household
    # the face needs filled. The repaired panel itself may still do.
    return repaired if face.holds(repaired) else None
