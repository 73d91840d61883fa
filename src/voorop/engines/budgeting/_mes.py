"""Method of Equal Shares: float fast path with exact (rational) resolution of close calls.

Why this shape: pabutools computes MES in exact rationals, one voter at a time, which is
slow on big files; plain floats are fast but can pick a different winner when two
projects are (nearly) tied. Here every decision is taken in float64 when its margin is
clearly larger than the rounding error (relative ``TOL``), and otherwise re-taken in exact
rational arithmetic. The exact voter budgets are needed only then, so they are brought up
to date lazily by replaying the selections made since the last exact point; replaying
needs one exact affordability computation per selected project, not per project considered.

Voters with identical ballots are merged into "units" with a weight. In exact arithmetic,
units with equal remaining budget are merged further into budget classes, so the rational
work is per distinct budget value, not per voter.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

# Float decisions are trusted only with a relative margin larger than this. Accumulated
# float64 error in these computations stays many orders of magnitude below it.
TOL = 1e-9


@dataclass
class MesProblem:
    """Precomputed sparse structure; shared by all runs of an add1 completion."""

    n_units: int
    weights: np.ndarray  # float64 per unit (number of identical voters)
    weights_int: np.ndarray  # int64 per unit
    costs: list[Fraction]  # per project
    cost_f: np.ndarray
    units: list[np.ndarray]  # per project: supporting unit indices (int64)
    util: list[np.ndarray]  # per project: float utility of each supporting unit
    util_exact: list[list[Fraction] | None]  # None when constant (== const_util[j])
    const_util: list[Fraction | None]
    total_util: list[Fraction]  # exact weighted sum of utilities
    candidates: list[int]  # projects MES may pick (cost > 0, some support, eligible)
    tie_key: list  # per project, smaller wins


@dataclass
class MesResult:
    selected: list[int]
    spent_exact: bool  # whether any decision needed exact arithmetic
    money_left: np.ndarray  # float budget per unit at the end
    supporters_money: dict[int, float]  # per unselected candidate: money its supporters had left


class _ExactState:
    """Exact budgets per unit, as classes of equal rational value."""

    def __init__(self, problem: MesProblem, b0: Fraction) -> None:
        self.p = problem
        self.cls = np.zeros(problem.n_units, dtype=np.int64)
        self.vals: list[Fraction] = [b0]
        self.index: dict[Fraction, int] = {b0: 0}
        self.applied = 0  # number of selections already applied

    def _intern(self, value: Fraction) -> int:
        i = self.index.get(value)
        if i is None:
            i = len(self.vals)
            self.vals.append(value)
            self.index[value] = i
        return i

    def _groups(self, j: int):
        """Supporters of j grouped by (class, utility): (class ids, utils, weights, inverse)."""
        p = self.p
        u = p.units[j]
        cls = self.cls[u]
        if p.const_util[j] is not None:
            uniq, inv = np.unique(cls, return_inverse=True)
            wsum = np.bincount(inv, weights=p.weights_int[u].astype(np.float64))
            utils = [p.const_util[j]] * len(uniq)
            return uniq.tolist(), utils, wsum, inv
        ue = p.util_exact[j]
        util_ids: dict[Fraction, int] = {}
        uid = np.fromiter(
            (util_ids.setdefault(x, len(util_ids)) for x in ue), dtype=np.int64, count=len(ue)
        )
        rev = list(util_ids)
        key = cls * len(rev) + uid
        uniq, inv = np.unique(key, return_inverse=True)
        wsum = np.bincount(inv, weights=p.weights_int[u].astype(np.float64))
        return (uniq // len(rev)).tolist(), [rev[k] for k in (uniq % len(rev)).tolist()], wsum, inv

    def rho(self, j: int) -> Fraction | None:
        """Exact price per unit of utility for project j, None when unaffordable."""
        cls, utils, wsum, _ = self._groups(j)
        cost = self.p.costs[j]
        groups = [(self.vals[c], s, int(w)) for c, s, w in zip(cls, utils, wsum, strict=True)]
        if sum((b * w for b, _, w in groups), Fraction(0)) < cost:
            return None
        groups.sort(key=lambda g: g[0] / g[1])
        paid = Fraction(0)
        remaining = self.p.total_util[j]
        for b, s, w in groups:
            rho = (cost - paid) / remaining
            if rho * s <= b:
                return rho
            paid += b * w
            remaining -= s * w
        raise AssertionError("affordable project without a price")  # pragma: no cover

    def apply(self, j: int, rho: Fraction) -> None:
        cls, utils, _, inv = self._groups(j)
        new = np.array(
            [
                self._intern(max(self.vals[c] - rho * s, Fraction(0)))
                for c, s in zip(cls, utils, strict=True)
            ],
            dtype=np.int64,
        )
        self.cls[self.p.units[j]] = new[inv]

    def catch_up(self, history: list[int]) -> None:
        while self.applied < len(history):
            j = history[self.applied]
            rho = self.rho(j)
            if rho is None:  # pragma: no cover - would mean the float path was wrong
                raise ArithmeticError("float and exact Equal Shares disagree")
            self.apply(j, rho)
            self.applied += 1

    def floats(self) -> np.ndarray:
        return np.array([float(v) for v in self.vals])[self.cls]


def _float_rho(budget: np.ndarray, p: MesProblem, j: int) -> tuple[float, int]:
    """(rho, status); status 0 = clear, 1 = unaffordable, 2 = too close to call."""
    u = p.units[j]
    beta = budget[u]
    w = p.weights[u]
    s = p.util[j]
    cost = p.cost_f[j]
    wb = w * beta
    total = wb.sum()
    if total < cost * (1 - TOL):
        return np.inf, 1
    close = total <= cost * (1 + TOL)
    ratio = beta / s
    order = np.argsort(ratio, kind="stable")
    ratio = ratio[order]
    wb = wb[order]
    ws = (w * s)[order]
    paid_before = np.cumsum(wb) - wb
    util_left = float(ws.sum()) - (np.cumsum(ws) - ws)
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = (cost - paid_before) / util_left
    ok = rho <= ratio
    if not ok.any():
        return np.inf, 2
    i = int(np.argmax(ok))
    return float(rho[i]), 2 if close else 0


def run_mes(problem: MesProblem, b0: Fraction) -> MesResult:
    """One run of Equal Shares with every voter starting at ``b0``; returns project indices."""
    p = problem
    budget = np.full(p.n_units, float(b0))
    exact: _ExactState | None = None
    used_exact = False
    history: list[int] = []
    # rho only grows during a run, so the last value computed is a lower bound (lazy scan).
    stale: dict[int, float] = {j: float(p.costs[j] / p.total_util[j]) for j in p.candidates}
    remaining = set(p.candidates)

    def exact_state() -> _ExactState:
        nonlocal exact
        if exact is None:
            exact = _ExactState(p, b0)
        exact.catch_up(history)
        return exact

    while remaining:
        order = sorted(remaining, key=lambda j: (stale[j], p.tie_key[j]))
        best = np.inf
        evaluated: list[tuple[float, int, int]] = []
        for j in order:
            if stale[j] > best * (1 + TOL):
                break
            r, status = _float_rho(budget, p, j)
            if status == 1:
                remaining.discard(j)
                continue
            stale[j] = r
            evaluated.append((r, status, j))
            if r < best:
                best = r
        if not evaluated:
            break
        close = [(r, st, j) for r, st, j in evaluated if r <= best * (1 + TOL)]
        if len(close) == 1 and close[0][1] == 0:
            chosen, rho_f = close[0][2], close[0][0]
            rho_exact = None
        else:
            used_exact = True
            ex = exact_state()
            exact_rhos = []
            for _, _, j in close:
                rho = ex.rho(j)
                if rho is None:
                    remaining.discard(j)
                else:
                    exact_rhos.append((rho, p.tie_key[j], j))
            if not exact_rhos:
                budget = ex.floats()
                continue
            rho_exact, _, chosen = min(exact_rhos)
            rho_f = float(rho_exact)
        history.append(chosen)
        remaining.discard(chosen)
        u = p.units[chosen]
        if rho_exact is not None:
            exact.apply(chosen, rho_exact)
            exact.applied += 1
            budget = exact.floats()
        else:
            budget[u] = np.maximum(budget[u] - rho_f * p.util[chosen], 0.0)

    selected_set = set(history)
    supporters_money = {
        j: float((budget[p.units[j]] * p.weights[p.units[j]]).sum())
        for j in p.candidates
        if j not in selected_set
    }
    return MesResult(history, used_exact, budget, supporters_money)
