"""The pricing problem: find a panel that meets all quotas and maximises weighted membership.

One HiGHS MIP is built once per run (a binary variable per person, the panel-size row, a
min/max row per quota and, if asked, an at-most-one row per household); only the objective
changes between calls. A cheap swap local search runs first: column generation only needs
*some* panel that beats the current dual bound, and the exact MIP is needed only to prove
that none exists.
"""

from __future__ import annotations

import time

import highspy
import numpy as np

from ._highs import INF, add_rows, is_infeasible, new_highs, require_optimal
from .compiled import Compiled


class PanelOracle:
    def __init__(self, problem: Compiled) -> None:
        self.problem = problem
        n = problem.n
        self.mip_calls = 0
        self.mip_seconds = 0.0
        self.heuristic_seconds = 0.0
        self.heuristic_hits = 0
        h = new_highs()
        # Weights are dual values of order 1/n; the default 1e-4 relative gap would stop
        # column generation short of the optimum the tests compare against.
        h.setOptionValue("mip_rel_gap", 1e-9)
        h.setOptionValue("mip_abs_gap", 1e-12)
        h.addVars(n, np.zeros(n), np.ones(n))
        h.changeColsIntegrality(
            n,
            np.arange(n, dtype=np.int32),
            np.full(n, highspy.HighsVarType.kInteger, dtype=np.uint8),
        )
        rows = [np.arange(n)]
        lower: list[float] = [problem.panel_size]
        upper: list[float] = [problem.panel_size]
        for q in range(problem.n_quotas):
            rows.append(problem.members(q))
            lower.append(float(problem.lower[q]))
            upper.append(float(problem.upper[q]))
        for group in problem.households:
            rows.append(group)
            lower.append(-INF)
            upper.append(1.0)
        add_rows(h, rows, lower, upper)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.h = h
        self._all = np.arange(n, dtype=np.int32)
        # For the local search: household id per agent (-1 if none shared).
        self.household_of = np.full(n, -1, dtype=np.int64)
        for g, group in enumerate(problem.households):
            self.household_of[group] = g

    # -- exact -------------------------------------------------------------------------

    def solve(
        self, weights: np.ndarray, hint: np.ndarray | None = None, *, rough: bool = False
    ) -> np.ndarray | None:
        """Optimal panel (sorted agent indices) for `weights`, or None if no panel exists.

        rough=True accepts a panel within 5% of the optimum (enough to cover the pool)."""
        h = self.h
        h.setOptionValue("mip_rel_gap", 0.05 if rough else 1e-9)
        h.changeColsCost(self.problem.n, self._all, np.asarray(weights, dtype=np.float64))
        if hint is not None:
            values = np.zeros(self.problem.n)
            values[hint] = 1.0
            h.setSolution(self.problem.n, self._all, values)
        self.mip_calls += 1
        t0 = time.perf_counter()
        h.run()
        self.mip_seconds += time.perf_counter() - t0
        if is_infeasible(h):
            return None
        require_optimal(h, "panel search")
        x = np.asarray(h.getSolution().col_value)
        return np.flatnonzero(x > 0.5)

    def panel_with(self, agent: int) -> np.ndarray | None:
        """Some panel containing `agent`, or None when the quotas exclude them."""
        h = self.h
        h.changeColBounds(agent, 1.0, 1.0)
        try:
            return self.solve(np.zeros(self.problem.n), rough=True)
        finally:
            h.changeColBounds(agent, 0.0, 1.0)

    # -- heuristic ---------------------------------------------------------------------

    def improve(
        self, panel: np.ndarray, weights: np.ndarray, max_swaps: int = 10_000
    ) -> np.ndarray:
        """Best-improvement one-for-one swaps that keep every quota (and household) rule."""
        t0 = time.perf_counter()
        try:
            return self._improve(panel, weights, max_swaps)
        finally:
            self.heuristic_seconds += time.perf_counter() - t0

    def _improve(self, panel: np.ndarray, weights: np.ndarray, max_swaps: int) -> np.ndarray:
        p = self.problem
        n = p.n
        inside = np.zeros(n, dtype=bool)
        inside[panel] = True
        counts = p.counts(panel)
        aq = p.agent_quota
        hh = self.household_of
        for _ in range(max_swaps):
            ins = np.flatnonzero(inside)
            outs = np.flatnonzero(~inside)
            if len(outs) == 0:
                break
            # Only swaps that raise the weight matter: restrict to the outsiders heavier than
            # the lightest insider, and try the heaviest ones first.
            w_in = weights[ins]
            w_out = weights[outs]
            cand = outs[w_out > w_in.min() + 1e-15]
            if len(cand) == 0:
                break
            can_leave = counts[aq[ins]] > p.lower[aq[ins]]  # (k, F)
            can_enter = counts[aq[cand]] < p.upper[aq[cand]]  # (m, F)
            same = aq[ins][:, None, :] == aq[cand][None, :, :]  # (k, m, F)
            ok = np.all(same | (can_leave[:, None, :] & can_enter[None, :, :]), axis=2)
            if len(p.households):
                occupied = np.zeros(len(p.households) + 1, dtype=np.int64)
                np.add.at(occupied, hh[ins] + 1, 1)
                occupied[0] = 0
                # An outsider whose household already has a member may only replace that member.
                blocked = (hh[cand] >= 0) & (occupied[hh[cand] + 1] > 0)
                ok &= ~blocked[None, :] | (hh[ins][:, None] == hh[cand][None, :])
            gain = np.where(ok, weights[cand][None, :] - w_in[:, None], -np.inf)
            best = np.argmax(gain)
            i, j = np.unravel_index(best, gain.shape)
            if gain[i, j] <= 1e-15:
                break
            leave, enter = ins[i], cand[j]
            inside[leave] = False
            inside[enter] = True
            np.subtract.at(counts, aq[leave], 1)
            np.add.at(counts, aq[enter], 1)
        return np.flatnonzero(inside)
