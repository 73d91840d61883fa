"""Leximin and maximin by column generation (Flanigan et al., Nature 2021), on HiGHS.

Master LP, with a variable x_P >= 0 for every panel P generated so far and a level z:

    maximise   z
    subject to sum_{P containing i} x_P - z >= 0      for every person i not yet fixed
               sum_{P containing i} x_P     >= f_i    for every fixed person i
               sum_P x_P                     = 1

Its duals are weights y_i >= 0 on the people (summing to 1 over the unfixed ones) and a
bound y^ (the dual of the last row). A panel outside the master improves it exactly when
sum_{i in P} y_i > y^, so the pricing problem is "the quota-feasible panel of maximum
y-weight" (pricing.PanelOracle). When no panel beats y^ (within EPS) the level z* is optimal
for the full problem. Every person whose weight is positive in an optimal dual is at
exactly z* in *every* optimal distribution (complementary slackness), so they are fixed at
z* and the next level maximises the minimum of the others. Maximin is the first level only.

HiGHS solves the dual of this master (one row per panel, see Master): new panels are new
rows, absorbed by dual-simplex warm starts. Several improving panels are added per round
(pricing heuristics first, the exact MIP only to prove that none is left). At the end of
each level HiGHS's interior-point method without crossover gives a (nearly) strictly
complementary dual, which fixes as many people per level as possible (a vertex dual would
fix only a few). That interior dual is priced again before it is trusted.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import highspy
import numpy as np

from ._highs import INF, add_rows, new_highs, require_optimal
from ._monitor import Monitor
from .compiled import Compiled
from .model import SolverError
from .pricing import PanelOracle
from .relaxation import relaxed_leximin
from .walk import Walk, caratheodory_walk

# A panel must beat the dual bound by this much to enter the master; it bounds how far the
# level found can be below the true optimum (Lagrangian bound), so keep it well below the
# 1e-6 the results are compared at.
PRICING_EPS = 1e-8
log = logging.getLogger(__name__)
# Interior dual weights below this share of the largest weight are treated as zero.
FIX_RELATIVE = 1e-4
# Local-search starts per pricing round, and swaps per local search.
COLUMNS_PER_ROUND = 30
MAX_SWAPS = 50


@dataclass(frozen=True, eq=False)
class Mixture:
    """A fixed lottery over some panels, entering the master as one column (its mean)."""

    panels: tuple[np.ndarray, ...]
    weights: np.ndarray

    def mean(self, n: int) -> np.ndarray:
        x = np.zeros(n)
        for panel, w in zip(self.panels, self.weights, strict=True):
            x[panel] += w
        return x


@dataclass
class ColgenResult:
    panels: list[np.ndarray]
    weights: np.ndarray
    probabilities: np.ndarray
    stats: dict[str, float | int | str] = field(default_factory=dict)


def initial_panels(
    problem: Compiled, oracle: PanelOracle, monitor: Monitor, share: float = 0.1
) -> tuple[list[np.ndarray], np.ndarray]:
    """A few panels that together contain every person who can be in any panel.

    Each MIP maximises the number of not-yet-covered people (with a small deterministic
    jitter for variety), so about n/k solves cover the pool. Returns the panels and a mask
    of people who cannot be on any panel (their probability is zero under any algorithm).
    """
    n = problem.n
    jitter = np.random.Generator(np.random.PCG64(20210804)).random(n) * 1e-3
    covered = np.zeros(n, dtype=bool)
    impossible = np.zeros(n, dtype=bool)
    panels: list[np.ndarray] = []
    seen: set[bytes] = set()
    while True:
        open_ = ~covered & ~impossible
        remaining = int(open_.sum())
        monitor.report(share * (1 - remaining / n), f"Covering the pool: {remaining} people left")
        if remaining == 0:
            break
        weights = np.where(open_, 1.0, 0.0) + jitter
        panel = oracle.solve(weights, rough=True)
        if panel is None:
            raise SolverError("No panel meets the quotas (checked before, so this is a bug).")
        if not open_[panel].any():
            # The best panel covers nobody new: check the rest one by one to be sure.
            for agent in np.flatnonzero(open_):
                p = oracle.panel_with(int(agent))
                if p is None:
                    impossible[agent] = True
                else:
                    key = p.tobytes()
                    if key not in seen:
                        seen.add(key)
                        panels.append(p)
                    covered[p] = True
            continue
        key = panel.tobytes()
        if key not in seen:
            seen.add(key)
            panels.append(panel)
        covered[panel] = True
    return panels, impossible


class Master:
    """The dual of the restricted master, as in the paper: one row per panel.

        minimise   y^ - sum_{fixed i} f_i y_i
        subject to sum_{i in P} y_i - y^ <= 0     for every panel P
                   sum_{unfixed i} y_i   = 1,     y, y^ >= 0

    New panels are new rows, which HiGHS's dual simplex absorbs from the previous basis far
    faster than primal simplex absorbs new columns of the primal (measured: 5-10x). The panel
    probabilities are the duals of the panel rows.
    """

    def __init__(self, n: int, target: np.ndarray | None = None) -> None:
        """target: instead of raising everyone's level z, find panels whose lottery gives
        person i at least z * target_i (the level row becomes sum_i target_i y_i = 1)."""
        self.n = n
        h = new_highs()
        h.setOptionValue("primal_feasibility_tolerance", 1e-9)
        h.setOptionValue("dual_feasibility_tolerance", 1e-9)
        h.setOptionValue("simplex_strategy", 1)
        h.addVars(n + 1, np.zeros(n + 1), np.full(n + 1, INF))
        h.changeColsCost(1, np.array([n], dtype=np.int32), np.array([1.0]))
        if target is None:
            add_rows(h, [np.arange(n)], [1.0], [1.0])
        else:
            used = np.flatnonzero(target > 0)
            add_rows(h, [used], [1.0], [1.0], [target[used]])
        self.h = h
        self.panels: list[np.ndarray | Mixture] = []
        self.fixed = np.zeros(n, dtype=bool)
        self.fixed_value = np.zeros(n)
        self.lp_solves = 0
        self.ipm_solves = 0
        self.lp_seconds = 0.0
        self.ipm_seconds = 0.0

    def add_panels(self, panels: list[np.ndarray]) -> None:
        if not panels:
            return
        rows = [np.append(p, self.n) for p in panels]
        values = [np.append(np.ones(len(p)), -1.0) for p in panels]
        add_rows(self.h, rows, [-INF] * len(panels), [0.0] * len(panels), values)
        self.panels.extend(panels)

    def add_mixtures(self, mixtures: list[Mixture]) -> None:
        for mixture in mixtures:
            mean = mixture.mean(self.n)
            used = np.flatnonzero(mean > 0)
            row, values = np.append(used, self.n), np.append(mean[used], -1.0)
            add_rows(self.h, [row], [-INF], [0.0], [values])
            self.panels.append(mixture)

    def prune(self, known: set[bytes]) -> int:
        """Drop panel rows that are slack now (probability zero), so the LP stays small.

        Dropped panels are forgotten in `known`, so pricing may bring them back."""
        status = self.h.getBasis().row_status[1:]
        basic = highspy.HighsBasisStatus.kBasic
        drop = np.array([i for i, st in enumerate(status) if st == basic], dtype=np.int64)
        if len(drop) < max(50, len(self.panels) // 4):
            return 0
        self.h.deleteRows(len(drop), (drop + 1).astype(np.int32))
        dropped = set(drop.tolist())
        for i in dropped:
            if not isinstance(self.panels[i], Mixture):
                known.discard(self.panels[i].tobytes())
        self.panels = [p for i, p in enumerate(self.panels) if i not in dropped]
        return len(drop)

    def fix(self, agents: np.ndarray, value: float) -> None:
        for a in agents:
            a = int(a)
            self.h.changeCoeff(0, a, 0.0)
            self.h.changeColCost(a, -value)
        self.fixed[agents] = True
        self.fixed_value[agents] = value
        if self.fixed.all():
            # Nobody left to raise: the LP just has to meet the fixed levels.
            self.h.changeRowBounds(0, -INF, INF)

    def _relax_fixed(self, step: float) -> None:
        # Fixed levels were optima of earlier LPs; rounding can make them a hair infeasible
        # (the dual becomes unbounded).
        self.fixed_value[self.fixed] = np.maximum(self.fixed_value[self.fixed] - step, 0.0)
        for a in np.flatnonzero(self.fixed):
            self.h.changeColCost(int(a), -float(self.fixed_value[a]))

    def solve(self, *, interior: bool = False) -> tuple[float, np.ndarray, float]:
        """Optimise; return (level z, person weights y, bound y^)."""
        h = self.h
        basis = None
        if interior:
            basis = h.getBasis()
            h.setOptionValue("solver", "ipm")
            h.setOptionValue("run_crossover", "off")
            self.ipm_solves += 1
        else:
            self.lp_solves += 1
        t0 = time.perf_counter()
        try:
            for attempt in range(12):
                h.run()
                if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
                    break
                log.debug("master status %s", h.modelStatusToString(h.getModelStatus()))
                self._relax_fixed(1e-10 * 4**attempt)
            require_optimal(h, "master problem")
            sol = h.getSolution()
        finally:
            if basis is not None:  # an interior-point solve: back to the simplex and its basis
                self.ipm_seconds += time.perf_counter() - t0
                h.setOptionValue("solver", "choose")
                h.setOptionValue("run_crossover", "on")
                h.setBasis(basis)
            else:
                self.lp_seconds += time.perf_counter() - t0
        cols = np.asarray(sol.col_value)
        y = np.maximum(cols[: self.n], 0.0)
        self._x = np.maximum(-np.asarray(sol.row_dual)[1:], 0.0)
        return float(h.getInfo().objective_function_value), y, float(cols[self.n])

    def panel_weights(self) -> np.ndarray:
        return self._x


def _price(
    oracle: PanelOracle,
    master: Master,
    y: np.ndarray,
    y_hat: float,
    known: set[bytes],
    *,
    heuristic: bool = True,
) -> list[np.ndarray]:
    """New panels whose y-weight beats y^; empty only if the MIP proves there are none.

    Local search from the panels that carry the most weight in the current master solution:
    every such panel sits exactly at y^, so any improving swap yields an improving column.
    Several columns per round mean far fewer master re-solves.
    """
    found: list[np.ndarray] = []
    if heuristic and master.panels:
        x = master.panel_weights()
        order = np.argsort(-x, kind="stable")[:COLUMNS_PER_ROUND]
        starts = [master.panels[i] for i in order if x[i] > 0]
        starts.append(master.panels[-1])
        starts = [s for s in starts if not isinstance(s, Mixture)]
        for start in starts:
            cand = oracle.improve(start, y, max_swaps=MAX_SWAPS)
            key = cand.tobytes()
            if key not in known and y[cand].sum() > y_hat + 10 * PRICING_EPS:
                known.add(key)
                found.append(cand)
        if found:
            oracle.heuristic_hits += len(found)
            return found
    panel = oracle.solve(y)
    if panel is None:
        raise SolverError("The panel search became infeasible.")
    key = panel.tobytes()
    if y[panel].sum() > y_hat + PRICING_EPS and key not in known:
        known.add(key)
        return [panel]
    return []


# The lottery found by decompose must give everyone at least this share of their target:
# at most 1e-6 * target_i <= 1e-6 below it, the tolerance results are compared at (and the
# reference library's solver works to). It is one-sided: the probabilities sum to k, so
# what some lack others have in excess (at most k * 1e-6 in all), which leximin allows.
# 1e-7 cost a 2,000 / 30 pool 400 extra master rounds (7 minutes) to close the last 1e-7
# the walk left.
DECOMPOSE_TOLERANCE = 1e-6


def decompose(
    problem: Compiled,
    oracle: PanelOracle,
    panels: list[np.ndarray],
    target: np.ndarray,
    monitor: Monitor,
    share: tuple[float, float],
    mixtures: list[Mixture] | None = None,
    tolerance: float = DECOMPOSE_TOLERANCE,
) -> tuple[ColgenResult | None, list[np.ndarray]]:
    """A lottery over panels whose selection probabilities are `target` (summing to the panel
    size), or None when no such lottery exists. Also returns the panels generated, so a
    fallback can start from them.

    The master maximises z with every person at >= z * target_i; since every panel has k
    members and the targets sum to k, z = 1 means exactly the target. Column generation
    stops as soon as z reaches 1 (no proof of optimality is needed for a feasible answer),
    or when pricing proves that z < 1 is the optimum. `mixtures` are fixed lotteries
    (e.g. blocks of the Carathéodory walk) that enter as one column each. "Reaches 1" means
    z >= 1 - tolerance.
    """
    master = Master(problem.n, target=target)
    master.add_mixtures(mixtures or [])
    master.add_panels(panels)
    known = {p.tobytes() for p in panels}
    start, span = share
    rounds = 0
    z = 0.0
    while True:
        z, y, y_hat = master.solve()
        rounds += 1
        if z >= 1.0 - tolerance:
            break
        new = _price(oracle, master, y, y_hat, known)
        if not new:
            _, y, y_hat = master.solve(interior=True)
            new = _price(oracle, master, y, y_hat, known, heuristic=False)
            if not new:
                break
        master.add_panels(new)
        if rounds % 25 == 0:
            master.prune(known)
        monitor.report(
            start + span * min(max(z, 0.0), 1.0) ** 4,
            f"Building the lottery: {len(master.panels)} panels, {z:.2%} of the target",
        )
    if z < 1.0 - tolerance:
        return None, _plain_panels(master.panels)
    stats: dict[str, float | int | str] = {
        "decompose_rounds": rounds,
        "panels_generated": len(master.panels),
        "lp_solves": master.lp_solves,
        "ipm_solves": master.ipm_solves,
        "lp_seconds": round(master.lp_seconds, 3),
        "ipm_seconds": round(master.ipm_seconds, 3),
    }
    return _lottery(master, stats), _plain_panels(master.panels)


def _plain_panels(columns: Sequence[np.ndarray | Mixture]) -> list[np.ndarray]:
    """Every distinct panel among the columns, mixtures opened up."""
    unique: dict[bytes, np.ndarray] = {}
    for column in columns:
        for panel in column.panels if isinstance(column, Mixture) else (column,):
            unique.setdefault(panel.tobytes(), panel)
    return list(unique.values())


def _lottery(master: Master, stats: dict[str, float | int | str]) -> ColgenResult:
    """The distribution in the master's last solution: the panels with positive weight."""
    x = master.panel_weights()
    chosen: list[np.ndarray] = []
    shares: list[float] = []
    for column, weight in zip(master.panels, x.tolist(), strict=True):
        if isinstance(column, Mixture):
            members = list(zip(column.panels, (weight * column.weights).tolist(), strict=True))
        else:
            members = [(column, weight)]
        for panel, share in members:
            if share > 1e-12:
                chosen.append(panel)
                shares.append(share)
    weights = np.array(shares) / sum(shares)
    probabilities = np.zeros(master.n)
    for p, w in zip(chosen, weights, strict=True):
        probabilities[p] += w
    return ColgenResult(chosen, weights, probabilities, stats)


# The walk's last panels enter the master one by one; the earlier ones in this many blocks.
WALK_TAIL = 300
WALK_BLOCKS = 50


def leximin_by_relaxation(
    problem: Compiled, *, monitor: Monitor, fallback_levels: str = "all"
) -> ColgenResult:
    """Leximin via the relaxation when its leximin point can be realised by panels, else by
    level-by-level column generation (`fallback_levels="first"` for maximin: the leximin
    lottery is a maximin lottery too, and the fast path is far cheaper than an exact level).

    The Carathéodory walk (walk.py) places all but a tiny weight of the lottery without any
    LP; the master then re-weights the walk (its last WALK_TAIL panels one by one, the
    earlier ones in WALK_BLOCKS blocks, so the LP stays small) and prices panels until the
    target is met, usually in its first solve."""
    oracle = PanelOracle(problem)
    panels, impossible = initial_panels(problem, oracle, monitor)
    start = panels
    try:
        target, relaxed_levels = relaxed_leximin(problem, impossible, monitor, (0.1, 0.1))
        walk = caratheodory_walk(problem, target, oracle, monitor, (0.2, 0.6))
        blocks, tail = _split_walk(walk)
        result, generated = decompose(
            problem,
            oracle,
            _plain_panels([*tail, *panels]),
            target,
            monitor,
            (0.8, 0.15),
            mixtures=blocks,
        )
        if result is not None:
            result.stats.update(
                {
                    "method": "relaxation",
                    "levels": relaxed_levels,
                    "walk_steps": walk.steps,
                    "walk_residual": walk.residual,
                    "walk_mip_solves": walk.mip_calls,
                    "walk_seconds": round(walk.seconds, 3),
                    "mip_solves": oracle.mip_calls,
                    "heuristic_columns": oracle.heuristic_hits,
                    "mip_seconds": round(oracle.mip_seconds, 3),
                    "heuristic_seconds": round(oracle.heuristic_seconds, 3),
                }
            )
            return result
        log.info("relaxed leximin point is not a lottery over panels; solving level by level")
        start = _plain_panels([*panels, *generated, *walk.panels])
    except SolverError as error:
        # The fast path is LPs at solver tolerances; the exact method does not need it.
        log.warning("relaxed leximin failed (%s); solving level by level", error)
    return column_generation(
        problem,
        levels=fallback_levels,
        monitor=monitor,
        oracle=oracle,
        panels=start,
        impossible=impossible,
    )


def _split_walk(walk: Walk) -> tuple[list[Mixture], list[np.ndarray]]:
    """The walk's early panels as blocks (fixed lotteries), its last ones as single panels."""
    cut = max(len(walk.panels) - WALK_TAIL, 0)
    blocks: list[Mixture] = []
    edges = np.unique(np.linspace(0, cut, WALK_BLOCKS + 1).astype(int))
    for a, b in itertools.pairwise(edges.tolist()):
        w = np.array(walk.weights[a:b])
        if w.sum() > 0:
            blocks.append(Mixture(tuple(walk.panels[a:b]), w / w.sum()))
    return blocks, _plain_panels(walk.panels[cut:])


def column_generation(
    problem: Compiled,
    *,
    levels: str,
    monitor: Monitor,
    oracle: PanelOracle | None = None,
    panels: list[np.ndarray] | None = None,
    impossible: np.ndarray | None = None,
) -> ColgenResult:
    """levels = "all" for leximin, "first" for maximin; exact, level by level."""
    if oracle is None or panels is None or impossible is None:
        oracle = PanelOracle(problem)
        panels, impossible = initial_panels(problem, oracle, monitor)
    master = Master(problem.n)
    master.add_panels(panels)
    if impossible.any():
        master.fix(np.flatnonzero(impossible), 0.0)
    known = {p.tobytes() for p in panels}
    n = problem.n
    level_count = 0
    interior_reprices = 0
    while not master.fixed.all():
        while True:
            z, y, y_hat = master.solve()
            new = _price(oracle, master, y, y_hat, known)
            if not new:
                # Confirm with an interior (strictly complementary) dual before fixing; the
                # level itself is taken from the (more exact) simplex solve.
                _, y, y_hat = master.solve(interior=True)
                new = _price(oracle, master, y, y_hat, known, heuristic=False)
                if not new:
                    break
                interior_reprices += 1
            master.add_panels(new)
            done = int(master.fixed.sum())
            monitor.report(
                0.1 + 0.85 * done / n,
                f"Level {level_count + 1}: {len(master.panels)} panels, {done}/{n} fixed",
            )
        level_count += 1
        unfixed = ~master.fixed
        ys = np.where(unfixed, y, 0.0)
        to_fix = np.flatnonzero(unfixed & (ys > FIX_RELATIVE * ys.max()))
        if len(to_fix) == 0:
            to_fix = np.array([int(np.argmax(ys))])
        if levels == "first":
            master.fix(np.flatnonzero(unfixed), z)
            # Maximin: nobody below z*; the first level's primal already is a distribution.
            break
        master.fix(to_fix, z)
        master.prune(known)
        done = int(master.fixed.sum())
        monitor.report(
            0.1 + 0.85 * done / n,
            f"Fixed {done}/{n} probabilities at level {z:.4f}",
            force=True,
        )
        log.debug(
            "level %d z=%.6f fixed=%d panels=%d mip=%d/%.1fs heuristic=%d/%.1fs lp=%d/%.1fs "
            "ipm=%d/%.1fs",
            level_count,
            z,
            done,
            len(master.panels),
            oracle.mip_calls,
            oracle.mip_seconds,
            oracle.heuristic_hits,
            oracle.heuristic_seconds,
            master.lp_solves,
            master.lp_seconds,
            master.ipm_solves,
            master.ipm_seconds,
        )
    # Final LP: with everybody fixed it only has to find panel weights meeting the levels.
    master.solve()
    return _lottery(
        master,
        {
            "method": "levels",
            "levels": level_count,
            "panels_generated": len(master.panels),
            "mip_solves": oracle.mip_calls,
            "heuristic_columns": oracle.heuristic_hits,
            "lp_solves": master.lp_solves,
            "ipm_solves": master.ipm_solves,
            "interior_reprices": interior_reprices,
            "mip_seconds": round(oracle.mip_seconds, 3),
            "heuristic_seconds": round(oracle.heuristic_seconds, 3),
            "lp_seconds": round(master.lp_seconds, 3),
            "ipm_seconds": round(master.ipm_seconds, 3),
        },
    )
