"""Method of Equal Shares: float fast path with exact (rational) resolution of close calls.

This numpy version serves the add1 completion, whose runs also track how far their
decisions hold as the share grows (``track``); a single run (``compute(..., "mes")``) uses
the plain-Python ``_mes_plain``, which gives the same result without importing numpy.

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

from ._mes_plain import TOL, exact_price


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
    _by_unit: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def by_unit(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(unit of each support entry, its project, start of each unit's entries), by unit."""
        if self._by_unit is None:
            units = np.concatenate([*self.units, np.zeros(0, dtype=np.int64)])
            projs = np.repeat(np.arange(len(self.units)), [len(u) for u in self.units])
            order = np.argsort(units, kind="stable")
            units, projs = units[order], projs[order]
            ptr = np.searchsorted(units, np.arange(self.n_units + 1))
            self._by_unit = (units, projs, ptr)
        return self._by_unit


class _Money:
    """Per project: money its supporters hold, and its slope in the share; kept up to date
    incrementally, so unaffordable projects are found for all projects at once."""

    def __init__(self, p: MesProblem, budget: np.ndarray, grad: np.ndarray | None) -> None:
        self.p = p
        self.units, self.projs, self.ptr = p.by_unit()
        self.m = len(p.units)
        self.full(budget, grad)

    def full(self, budget: np.ndarray, grad: np.ndarray | None) -> None:
        w = self.p.weights[self.units]
        self.money = np.bincount(self.projs, weights=w * budget[self.units], minlength=self.m)
        self.slope = (
            np.bincount(self.projs, weights=w * grad[self.units], minlength=self.m)
            if grad is not None
            else None
        )

    def change(self, u: np.ndarray, d_budget: np.ndarray, d_grad: np.ndarray | None) -> None:
        starts, ends = self.ptr[u], self.ptr[u + 1]
        lens = ends - starts
        if not lens.sum():
            return
        rep = np.repeat(np.arange(len(u)), lens)
        pos = starts[rep] + (np.arange(len(rep)) - np.repeat(np.cumsum(lens) - lens, lens))
        projs = self.projs[pos]
        w = self.p.weights[u][rep]
        self.money += np.bincount(projs, weights=w * d_budget[rep], minlength=self.m)
        if d_grad is not None and self.slope is not None:
            self.slope += np.bincount(projs, weights=w * d_grad[rep], minlength=self.m)


@dataclass
class MesResult:
    selected: list[int]
    spent_exact: bool  # whether any decision needed exact arithmetic
    money_left: np.ndarray  # float budget per unit at the end
    supporters_money: dict[int, float]  # per unselected candidate: money its supporters had left
    stable_for: float = 0.0  # the same decisions for every share in [b0, b0 + stable_for]
    share: Fraction | None = None  # the share this run used


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
        groups = [(self.vals[c], s, int(w)) for c, s, w in zip(cls, utils, wsum, strict=True)]
        return exact_price(self.p.costs[j], self.p.total_util[j], groups)

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


@dataclass
class _Eval:
    """A float evaluation of one project, with its derivative in the voters' share t."""

    rho: float
    status: int  # 0 = clear, 1 = unaffordable, 2 = too close to call
    slope: float = 0.0  # d rho / d t with the current poor/rich split
    poor: np.ndarray | None = None  # mask over the project's supporters
    afford_slack: tuple[float, float] = (0.0, 0.0)  # (cost - money, its slope) if unaffordable


def _ahead(value: np.ndarray | float, slope: np.ndarray | float) -> float:
    """Largest d >= 0 with value + d * slope >= 0 everywhere (value >= 0 up to rounding)."""
    value = np.maximum(np.asarray(value, dtype=np.float64), 0.0)
    slope = np.asarray(slope, dtype=np.float64)
    neg = slope < 0
    if not neg.any():
        return np.inf
    return float((value[neg] / -slope[neg]).min())


def _float_rho(budget: np.ndarray, grad: np.ndarray | None, p: MesProblem, j: int) -> _Eval:
    u = p.units[j]
    beta = budget[u]
    w = p.weights[u]
    s = p.util[j]
    cost = p.cost_f[j]
    wb = w * beta
    total = wb.sum()
    if total < cost * (1 - TOL):
        slack = (cost - total, -float((w * grad[u]).sum()) if grad is not None else 0.0)
        return _Eval(np.inf, 1, afford_slack=slack)
    if total <= cost * (1 + TOL):
        # The money is within rounding of the cost: nearly all pay all they have, and a
        # float price could be far off (or infinite). Only a lower bound; run_mes takes
        # the exact price when it matters.
        return _Eval(cost / float((w * s).sum()), 2)
    ratio = beta / s
    order = np.argsort(ratio, kind="stable")
    ratio_s = ratio[order]
    wb = wb[order]
    ws = (w * s)[order]
    paid_before = np.cumsum(wb) - wb
    util_left = float(ws.sum()) - (np.cumsum(ws) - ws)
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = (cost - paid_before) / util_left
    ok = rho <= ratio_s
    if not ok.any():  # all poor, in floats: only exact arithmetic can tell
        return _Eval(cost / float(ws.sum()), 2)
    i = int(np.argmax(ok))
    r = float(rho[i])
    ev = _Eval(r, 0)
    if grad is None:
        return ev
    poor = np.zeros(len(u), dtype=bool)
    poor[order[:i]] = True
    ev.poor = poor
    # The price with this poor/rich split fixed is affine in the share and never above the
    # true price (fixing the split can only overstate what voters pay), so for projects not
    # picked it is a lower bound on their price wherever the earlier decisions hold.
    ev.slope = -float((w * grad[u])[poor].sum()) / float(util_left[i])
    return ev


def _split_valid(budget: np.ndarray, grad: np.ndarray, p: MesProblem, j: int, ev: _Eval) -> float:
    """How far the share may grow with the picked project's poor/rich split unchanged."""
    u = p.units[j]
    beta, g, s, r = budget[u], grad[u], p.util[j], ev.rho
    poor = ev.poor
    value = np.where(poor, r * s - beta, beta - r * s)
    slope = np.where(poor, ev.slope * s - g, g - ev.slope * s)
    return _ahead(value, slope)


def run_mes(problem: MesProblem, b0: Fraction, track: bool = False) -> MesResult:
    """One run of Equal Shares with every voter starting at ``b0``; returns project indices.

    With ``track``, also finds how far the share ``b0`` may grow (``MesResult.stable_for``)
    with the run taking exactly the same decisions: under fixed decisions every budget and
    every price is an affine function of the share, and each decision is a linear
    inequality in it (see ``_add1``).
    """
    p = problem
    budget = np.full(p.n_units, float(b0))
    grad = np.ones(p.n_units) if track else None
    stable_for = np.inf if track else 0.0
    exact: _ExactState | None = None
    used_exact = False
    history: list[int] = []
    # rho only grows during a run, so the last value computed is a lower bound (lazy scan).
    stale: dict[int, float] = {j: float(p.costs[j] / p.total_util[j]) for j in p.candidates}
    stale_slope: dict[int, float] = dict.fromkeys(p.candidates, 0.0)
    remaining = set(p.candidates)

    def exact_state() -> _ExactState:
        nonlocal exact
        if exact is None:
            exact = _ExactState(p, b0)
        exact.catch_up(history)
        return exact

    money = _Money(p, budget, grad)
    cost_f = p.cost_f
    while remaining:
        # Projects whose supporters clearly have too little left are dropped all at once
        # (the lazy scan below would find each of them in turn).
        rem = np.fromiter(remaining, dtype=np.int64, count=len(remaining))
        poor_projects = rem[money.money[rem] < cost_f[rem] * (1 - 1e-6)]
        if len(poor_projects):
            remaining.difference_update(poor_projects.tolist())
            if track:
                slope = money.slope[poor_projects]
                neg = slope > 0
                if neg.any():
                    slack = cost_f[poor_projects] - money.money[poor_projects]
                    stable_for = min(stable_for, float((slack[neg] / slope[neg]).min()))
            if not remaining:
                break
        order = sorted(remaining, key=lambda j: (stale[j], p.tie_key[j]))
        best = np.inf
        evaluated: dict[int, _Eval] = {}
        for j in order:
            if stale[j] > best * (1 + TOL):
                break
            ev = _float_rho(budget, grad, p, j)
            if ev.status == 2 and ev.rho <= best * (1 + TOL):
                # Its supporters have just about its cost: only exact arithmetic can say
                # whether they can pay for it, and at what price.
                used_exact = True
                rho_x = exact_state().rho(j)
                if rho_x is None:
                    ev = _Eval(np.inf, 1)
                    if track:
                        stable_for = 0.0  # affordable or not: at the edge
                else:
                    ev.rho = float(rho_x)
            if ev.status == 1:
                remaining.discard(j)
                if track and ev.afford_slack[1] < 0:
                    slack, slope = ev.afford_slack
                    stable_for = min(stable_for, max(slack, 0.0) / -slope)
                continue

            if track and ev.status == 2:
                stable_for = 0.0  # its price has no slope to extrapolate with
            stale[j] = ev.rho
            stale_slope[j] = ev.slope
            evaluated[j] = ev
            best = min(best, ev.rho)
        if not evaluated:
            break
        close = [j for j, ev in evaluated.items() if ev.rho <= best * (1 + TOL)]
        true_ties: set[int] = set()
        if len(close) == 1 and evaluated[close[0]].status == 0:
            chosen = close[0]
            rho_f = evaluated[chosen].rho
            rho_exact = None
        else:
            used_exact = True
            ex = exact_state()
            exact_rhos = []
            for j in close:
                rho = ex.rho(j)
                if rho is None:
                    remaining.discard(j)
                    del evaluated[j]
                    if track:
                        stable_for = 0.0
                else:
                    exact_rhos.append((rho, p.tie_key[j], j))
            if not exact_rhos:
                budget = ex.floats()
                money.full(budget, grad)
                continue
            rho_exact, _, chosen = min(exact_rhos)
            true_ties = {j for r, _, j in exact_rhos if r == rho_exact}
            rho_f = float(rho_exact)
        history.append(chosen)
        remaining.discard(chosen)
        u = p.units[chosen]
        if track and evaluated[chosen].status == 2:
            stable_for = 0.0
        if track and stable_for > 0 and evaluated[chosen].poor is not None:
            stable_for = min(stable_for, _split_valid(budget, grad, p, chosen, evaluated[chosen]))
        if track and stable_for > 0:
            stable_for = min(
                stable_for,
                _decision_margin(
                    p, chosen, evaluated, stale, stale_slope, remaining, close, true_ties
                ),
            )
        if track and (stable_for <= 0 or evaluated[chosen].poor is None):
            # Nothing can be skipped any more: stop paying for the bookkeeping.
            track, grad, stable_for = False, None, 0.0
            money.slope = None
        d_grad = None
        if track:
            ev = evaluated[chosen]
            new_grad = np.where(ev.poor, 0.0, grad[u] - ev.slope * p.util[chosen])
            d_grad = new_grad - grad[u]
            grad[u] = new_grad
        if rho_exact is not None:
            exact.apply(chosen, rho_exact)
            exact.applied += 1
            budget = exact.floats()
            money.full(budget, grad)
        else:
            new_budget = np.maximum(budget[u] - rho_f * p.util[chosen], 0.0)
            money.change(u, new_budget - budget[u], d_grad)
            budget[u] = new_budget

    selected_set = set(history)
    supporters_money = {
        j: float((budget[p.units[j]] * p.weights[p.units[j]]).sum())
        for j in p.candidates
        if j not in selected_set
    }
    return MesResult(history, used_exact, budget, supporters_money, stable_for, b0)


def _decision_margin(p, chosen, evaluated, stale, stale_slope, remaining, close, true_ties):
    """How far the share may grow with ``chosen`` still the project to pick."""
    rc, sc = evaluated[chosen].rho, evaluated[chosen].slope
    margin = np.inf
    for k in remaining:
        rk, sk = stale[k], stale_slope[k]
        diff, dslope = rk - rc, sk - sc
        if k in close:
            if k in true_ties:
                # Still tied (same winner by tie-breaking) or k's price grows faster.
                if dslope < -TOL * (abs(sk) + abs(sc)):
                    return 0.0
                continue
            return 0.0  # separated only in exact arithmetic: do not extrapolate
        if diff <= TOL * abs(rc):  # pragma: no cover - a clear decision has a margin
            return 0.0
        if dslope < 0:
            margin = min(margin, diff / -dslope)
    return margin
