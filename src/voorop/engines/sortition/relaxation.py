"""Leximin over the LP relaxation of the panel polytope: a fast first answer.

Every lottery over quota-respecting panels gives selection probabilities p in

    R = { 0 <= p <= 1,  sum_i p_i = k,  min_q <= sum_{i in q} p_i <= max_q  for every quota q }

and R is an explicit polytope with one variable per person and a row per quota, so leximin
over R is a short sequence of small LPs (no panels, no MIP). The set P of probability vectors
that lotteries over panels can actually give is a subset of R; where the leximin point of R
lies in P it is therefore also the leximin point of P, the answer we want. Whether it does is
settled by decomposing it into panels (colgen.decompose), which either finds the lottery or
proves it impossible, in which case the exact level-by-level method runs instead.

On every instance in the shared data and on generated pools of realistic shape the point
does lie in P, and this path is one to two orders of magnitude faster than level-by-level
column generation (docs/decisions/0003).

Each level: maximise the lowest probability z among the people not yet fixed (simplex, for
an exact z); then find who cannot rise above z: everyone with a positive dual in an interior
(strictly complementary) dual solution, checked by one more LP (the sum of their
probabilities cannot exceed their number times z). People found stuck are fixed at z.
"""

from __future__ import annotations

import highspy
import numpy as np

from ._highs import INF, add_panel_rows, add_rows, is_infeasible, new_highs, require_optimal
from ._monitor import Monitor
from .compiled import Compiled
from .model import SolverError

# Interior dual weights below this share of the largest weight are treated as zero.
FIX_RELATIVE = 1e-4
# Fixed people are held at their level minus this, so rounding never makes the LP infeasible.
FIX_SLACK = 1e-10
# How far above the level a person must be able to rise to count as not stuck (the slack of
# the others, up to n * FIX_SLACK, may pile up on one person in a vertex solution).
RISE_TOL = 1e-7
PRIMAL_TOLERANCE = 1e-10
LOOSER_TOLERANCES = (1e-9, 1e-8)


class _RelaxedLP:
    """maximise z  s.t.  p in R,  p_i >= z (unfixed i),  p_i >= f_i (fixed i)."""

    def __init__(self, problem: Compiled, excluded: np.ndarray) -> None:
        n = problem.n
        self.n = n
        h = new_highs()
        h.setOptionValue("primal_feasibility_tolerance", PRIMAL_TOLERANCE)
        h.setOptionValue("dual_feasibility_tolerance", 1e-10)
        upper = np.where(excluded, 0.0, 1.0)
        h.addVars(n + 1, np.zeros(n + 1), np.append(upper, 1.0))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.first_link = add_panel_rows(h, problem)
        # Link rows p_i - z >= 0; a fixed person's row becomes p_i >= f_i.
        add_rows(
            h,
            [np.array([i, n]) for i in range(n)],
            [0.0] * n,
            [INF] * n,
            [np.array([1.0, -1.0])] * n,
        )
        self.h = h
        self.fixed = excluded.copy()
        self.value = np.zeros(n)
        for i in np.flatnonzero(excluded):
            self._fix_row(int(i), 0.0)
        self._objective_z()

    def _objective_z(self) -> None:
        costs = np.zeros(self.n + 1)
        costs[self.n] = 1.0
        self.h.changeColsCost(self.n + 1, np.arange(self.n + 1, dtype=np.int32), costs)

    def _fix_row(self, i: int, value: float) -> None:
        row = self.first_link + i
        self.h.changeCoeff(row, self.n, 0.0)
        self.h.changeRowBounds(row, value, INF)

    def _run_loosening(self) -> None:
        """Run; if HiGHS finds the LP infeasible, try again with looser feasibility tolerances.

        The fixed levels sit at optima of earlier LPs, so at the tight default tolerance
        rounding can make the whole LP look infeasible (seen on a 500 / 100 pool)."""
        h = self.h
        h.run()
        if not is_infeasible(h):
            return
        try:
            for tolerance in LOOSER_TOLERANCES:
                h.setOptionValue("primal_feasibility_tolerance", tolerance)
                h.run()
                if not is_infeasible(h):
                    return
        finally:
            h.setOptionValue("primal_feasibility_tolerance", PRIMAL_TOLERANCE)

    def _run(self, what: str, *, interior: bool = False) -> None:
        h = self.h
        if interior:
            h.setOptionValue("solver", "ipm")
            h.setOptionValue("run_crossover", "off")
        try:
            self._run_loosening()
        finally:
            if interior:
                h.setOptionValue("solver", "choose")
                h.setOptionValue("run_crossover", "on")
        require_optimal(h, what)

    def level(self) -> tuple[float, np.ndarray]:
        """The level z and the (vertex) probabilities of a solution reaching it."""
        self._run("relaxed leximin level")
        values = np.asarray(self.h.getSolution().col_value)
        return float(values[self.n]), values[: self.n]

    def stuck_candidates(self) -> np.ndarray:
        """Unfixed people with a clearly positive weight in an interior optimal dual."""
        self._run("relaxed leximin dual", interior=True)
        dual = np.abs(np.asarray(self.h.getSolution().row_dual)[self.first_link :])
        dual = np.where(self.fixed, 0.0, dual)
        if dual.max() <= 0:
            return np.array([], dtype=np.int64)
        return np.flatnonzero(dual > FIX_RELATIVE * dual.max())

    def cannot_rise(self, group: np.ndarray, z: float) -> np.ndarray:
        """The members of `group` that provably cannot rise above z (with the others >= z).

        Maximising the group's total: if it cannot exceed len(group) * z, nobody in it can
        rise (each is >= z). Otherwise those above z in that solution can, and the check is
        repeated on the rest."""
        h = self.h
        group = np.asarray(group, dtype=np.int64)
        # Everyone unfixed must stay >= z: turn the z column into a constant.
        try:
            while len(group):
                costs = np.zeros(self.n + 1)
                costs[group] = 1.0
                h.changeColsCost(self.n + 1, np.arange(self.n + 1, dtype=np.int32), costs)
                # z is an optimum up to the solver's tolerances; lower it by hairs until the
                # LP with everyone at >= z is feasible again.
                for slack in (0.0, 1e-11, 1e-10, 1e-9):
                    h.changeColBounds(self.n, z - slack, z - slack)
                    self._run_loosening()
                    if not is_infeasible(h):
                        break
                require_optimal(h, "relaxed leximin check")
                p = np.asarray(h.getSolution().col_value)[: self.n]
                risen = p[group] > z + RISE_TOL
                if not risen.any():
                    return group
                group = group[~risen]
            return group
        finally:
            h.changeColBounds(self.n, 0.0, 1.0)
            self._objective_z()

    def fix(self, people: np.ndarray, z: float) -> None:
        for i in people:
            self._fix_row(int(i), max(z - FIX_SLACK, 0.0))
        self.fixed[people] = True
        self.value[people] = z


def relaxed_leximin(
    problem: Compiled, excluded: np.ndarray, monitor: Monitor, share: tuple[float, float]
) -> tuple[np.ndarray, int]:
    """Leximin selection probabilities over the relaxation R, and the number of levels.

    `excluded` marks people who cannot be on any panel (probability 0)."""
    lp = _RelaxedLP(problem, excluded)
    n = problem.n
    levels = 0
    start, span = share
    while not lp.fixed.all():
        z, p = lp.level()
        candidates = lp.stuck_candidates()
        stuck = lp.cannot_rise(candidates, z) if len(candidates) else candidates
        if len(stuck) == 0:
            # The interior dual pointed at nobody provably stuck: fall back to the people
            # at the level in the vertex solution, one check each (slow but always progresses).
            at_level = np.flatnonzero(~lp.fixed & (p <= z + RISE_TOL))
            stuck = np.array(
                [i for i in at_level if len(lp.cannot_rise(np.array([i]), z))], dtype=np.int64
            )
            if len(stuck) == 0:
                raise SolverError("The relaxed leximin made no progress.")
        lp.fix(stuck, z)
        levels += 1
        done = int(lp.fixed.sum())
        monitor.report(start + span * done / n, f"Relaxed level {levels}: {done}/{n} fixed")
    return lp.value, levels
