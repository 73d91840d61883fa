"""The pricing problem: find a panel that meets all quotas and maximises weighted membership.

One HiGHS MIP is built once per run (a binary variable per person, the panel-size row, a
min/max row per quota and, if asked, an at-most-one row per household); only the objective
changes between calls. A cheap swap local search runs first: column generation only needs
*some* panel that beats the current dual bound, and the exact MIP is needed only to prove
that none exists.
"""

from __future__ import annotations

import time

import numpy as np

from ._highs import is_infeasible, panel_model, require_optimal
from .compiled import Compiled


class PanelOracle:
    def __init__(self, problem: Compiled) -> None:
        self.problem = problem
        n = problem.n
        self.mip_calls = 0
        self.mip_seconds = 0.0
        self.heuristic_seconds = 0.0
        self.heuristic_hits = 0
        h = panel_model(problem, integer=True)
        # Weights are dual values of order 1/n; the default 1e-4 relative gap would stop
        # column generation short of the optimum the tests compare against.
        h.setOptionValue("mip_rel_gap", 1e-9)
        h.setOptionValue("mip_abs_gap", 1e-12)
        self.h = h
        self._all = np.arange(n, dtype=np.int32)
        # For the local search: household id per agent (-1 if none shared).
        self.profile = [tuple(row) for row in problem.agent_quota.tolist()]
        self.household_of = problem.household_of()

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
        self,
        panel: np.ndarray,
        weights: np.ndarray,
        max_swaps: int = 10_000,
        *,
        bounds: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> np.ndarray:
        """Improving one-for-one swaps that keep every quota (and household) rule.

        `bounds` replaces the quotas' (min, max) counts, e.g. to stay on a face where some
        counts are fixed; the start panel must already keep them."""
        t0 = time.perf_counter()
        lower, upper = bounds if bounds is not None else (self.problem.lower, self.problem.upper)
        try:
            return self._improve(panel, weights, max_swaps, lower, upper)
        finally:
            self.heuristic_seconds += time.perf_counter() - t0

    def _improve(
        self,
        panel: np.ndarray,
        weights: np.ndarray,
        max_swaps: int,
        lower_bound: np.ndarray,
        upper_bound: np.ndarray,
    ) -> np.ndarray:
        # One evaluation of the full (insider x outsider) swap matrix costs k*m*F; instead of
        # taking only its best swap, apply every improving swap in order of gain as long as it
        # still keeps the quotas with the counts as they are by then (checked per swap in
        # O(F)). A handful of evaluations then reach a local optimum.
        p = self.problem
        n = p.n
        inside = np.zeros(n, dtype=bool)
        inside[panel] = True
        counts = p.counts(panel)
        aq = p.agent_quota
        hh = self.household_of
        has_households = len(p.households) > 0
        lower = lower_bound.tolist()
        upper = upper_bound.tolist()
        profile = self.profile
        swaps = 0
        while swaps < max_swaps:
            ins = np.flatnonzero(inside)
            outs = np.flatnonzero(~inside)
            if len(outs) == 0:
                break
            # Only swaps that raise the weight matter: outsiders heavier than the lightest
            # insider.
            w_in = weights[ins]
            cand = outs[weights[outs] > w_in.min() + 1e-15]
            if len(cand) == 0:
                break
            q_ins = aq[ins]
            q_cand = aq[cand]
            stuck_in = counts[q_ins] <= lower_bound[q_ins]  # (k, F): may not leave
            stuck_out = counts[q_cand] >= upper_bound[q_cand]  # (m, F): may not enter
            gain = weights[cand][None, :] - w_in[:, None]
            ok = gain > 1e-15
            # A swap breaks feature f when the two differ on it and either may not move.
            for f in range(q_ins.shape[1]):
                differ = q_ins[:, f, None] != q_cand[None, :, f]
                ok &= ~(differ & (stuck_in[:, f, None] | stuck_out[None, :, f]))
            if has_households:
                occupied = np.zeros(len(p.households) + 1, dtype=np.int64)
                np.add.at(occupied, hh[ins] + 1, 1)
                occupied[0] = 0
                # An outsider whose household already has a member may only replace that member.
                blocked = (hh[cand] >= 0) & (occupied[hh[cand] + 1] > 0)
                ok &= ~blocked[None, :] | (hh[ins][:, None] == hh[cand][None, :])
            rows, cols = np.nonzero(ok)
            if len(rows) == 0:
                break
            gains = gain[rows, cols]
            # Later pairs mostly lose their feasibility to earlier swaps; look only at the
            # best few per insider before evaluating the matrix again.
            limit = 4 * len(ins)
            if len(gains) > limit:
                top = np.argpartition(-gains, limit)[:limit]
                rows, cols, gains = rows[top], cols[top], gains[top]
            order = np.argsort(-gains, kind="stable")
            tally = counts.tolist()
            left: set[int] = set()
            entered: set[int] = set()
            house_taken = {int(h) for h in hh[ins] if h >= 0} if has_households else set()
            applied = 0
            for r, c in zip(rows[order].tolist(), cols[order].tolist(), strict=True):
                leave = int(ins[r])
                enter = int(cand[c])
                if leave in left or enter in entered:
                    continue
                q_out = profile[leave]
                q_in = profile[enter]
                if applied and not _still_allowed(q_out, q_in, tally, lower, upper):
                    continue
                if has_households and applied:
                    h_in = int(hh[enter])
                    if h_in >= 0 and h_in in house_taken and h_in != int(hh[leave]):
                        continue
                inside[leave] = False
                inside[enter] = True
                for q in q_out:
                    tally[q] -= 1
                for q in q_in:
                    tally[q] += 1
                left.add(leave)
                entered.add(enter)
                if has_households:
                    if hh[leave] >= 0:
                        house_taken.discard(int(hh[leave]))
                    if hh[enter] >= 0:
                        house_taken.add(int(hh[enter]))
                applied += 1
                swaps += 1
                if swaps >= max_swaps:
                    break
            counts = np.array(tally, dtype=np.int64)
        return np.flatnonzero(inside)


def _still_allowed(
    q_out: tuple[int, ...], q_in: tuple[int, ...], tally: list[int], lower: list, upper: list
) -> bool:
    """Whether swapping a person with quotas q_out for one with q_in keeps every quota."""
    for a, b in zip(q_out, q_in, strict=True):
        if a != b and (tally[a] <= lower[a] or tally[b] >= upper[b]):
            return False
    return True
