"""Method of Equal Shares, one run, in plain Python (no numpy).

This is what ``compute(..., "mes")`` runs; the add1 completion uses the numpy version in
``_mes.py``, which also tracks how far each decision holds as the share grows.

Why no numpy: on the command line the whole process counts, and importing numpy costs more
than this whole computation on a 90,000-voter file. What makes plain Python fast enough:

- Voters with the same vote are merged into weighted units (done by the caller).
- Every unit's budget is a float in one list. Evaluating a project gathers its supporters'
  budgets with ``map`` and adds up their money with ``math.sumprod``, both in C; when some
  of them cannot pay an equal share (they are "poor"), only those below a bound on the
  price are sorted. Funding a project updates its supporters' budgets the same way. On a
  big city file nearly every vote is different, so no grouping of voters would help here.
- Decisions are taken in floats when their margin is clearly larger than rounding (relative
  ``TOL``), else retaken in exact rationals, exactly as in ``_mes.py``. For that, units are
  grouped into *budget classes* (a unit's budget depends only on which of the funded projects
  it supports, and on its utilities for them), each with an exact value. The classes are
  built only at the first close call, by replaying the fundings so far, and kept up from
  then on; the exact values of fundings decided in floats are computed only when needed.

So the outcome is pabutools' exact outcome, ties included (broken by ``tie_key``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, deque
from fractions import Fraction
from itertools import accumulate, compress
from math import sumprod
from operator import mul, truediv

# Float decisions are trusted only with a relative margin larger than this. Accumulated
# float64 error in these computations stays many orders of magnitude below it. (Shared with
# the numpy version, which imports it from here.)
TOL = 1e-9
_INF = float("inf")


def exact_price(
    cost: Fraction, total_util: Fraction, groups: list[tuple[Fraction, Fraction, int]]
) -> Fraction | None:
    """Exact price per unit of utility of a project, None when its supporters cannot pay.

    ``groups``: the supporters as (budget, utility, number of voters), ``total_util`` the
    weighted sum of their utilities.
    """
    if sum((b * w for b, _, w in groups), Fraction(0)) < cost:
        return None
    paid = Fraction(0)
    util_left = total_util
    for b, s, w in sorted(groups, key=lambda g: g[0] / g[1]):
        rho = (cost - paid) / util_left
        if rho * s <= b:
            return rho
        paid += b * w
        util_left -= s * w
    raise AssertionError("affordable project without a price")  # pragma: no cover


class PlainResult:
    """What ``run_mes`` in ``_mes.py`` returns, as far as the callers of a single run use it."""

    __slots__ = ("selected", "spent_exact", "supporters_money")

    def __init__(self, selected, spent_exact, supporters_money) -> None:
        self.selected: list[int] = selected
        self.spent_exact: bool = spent_exact
        self.supporters_money: dict[int, float] = supporters_money


def _price(ratios: list[float], money, weight, cost: float, left: float) -> float:
    """The price per unit of utility when the supporters in ``ratios`` (their budget per
    unit of utility, ascending; ``money`` and ``weight``: their budget and utility times
    their number of voters) may be poor and the rest, ``left`` utility weight in all, are
    not: the poor pay all they have, the others an equal share per unit of utility.

    With the first ``k`` rows poor the price would be ``(cost - paid[k]) / (left -
    used[k])``; the answer is that of the first ``k`` where it is at most row ``k``'s ratio
    (a condition that, once true, stays true), found by bisection over prefix sums."""
    paid = list(accumulate(money, initial=0.0))
    used = list(accumulate(weight, initial=0.0))

    def rich_from(k: int) -> bool:
        return cost - paid[k] <= ratios[k] * (left - used[k])

    k = bisect_left(range(len(ratios)), True, key=rich_from)
    rest = left - used[k]
    return (cost - paid[k]) / rest if rest > 0 else _INF


class _Exact:
    """Budget classes with exact values, for decisions too close for floats.

    ``cls[u]`` is the class of unit ``u``; a class's exact value is ``val[c]`` (None while a
    funding decided in floats has not been replayed exactly). Each funding records the
    classes it split and the child of each, so exact values can be brought up to date.
    """

    def __init__(self, n_units: int, b0: Fraction, problem: tuple) -> None:
        self.units, self.util, self.const_util, self.costs, self.total_util = problem
        self.cls = [0] * n_units
        self.val: list[Fraction | None] = [b0]
        # Per funding: (project, exact price or None, [(parent class, utility, weight, child)])
        self.fundings: list[tuple[int, Fraction | None, list]] = []
        self.done = 0  # fundings whose child classes have exact values
        self._weights: dict[int, list[int]] = {}

    def groups(self, j: int, weights: list[int]) -> list[tuple[int, Fraction, int]]:
        """j's supporters as (class, utility, weight), one row per (class, utility)."""
        acc: dict = {}
        get = acc.get
        cls = self.cls
        ws = self._weights.get(j)
        if ws is None:
            ws = self._weights[j] = list(map(weights.__getitem__, self.units[j]))
        if self.util[j] is None:
            for c, w in zip(map(cls.__getitem__, self.units[j]), ws, strict=True):
                acc[c] = get(c, 0) + w
            s = self.const_util[j]
            return [(c, s, w) for c, w in acc.items()]
        for c, s, w in zip(map(cls.__getitem__, self.units[j]), self.util[j], ws, strict=True):
            acc[c, s] = get((c, s), 0) + w
        return [(c, s, w) for (c, s), w in acc.items()]

    def price(self, j: int, rows: list[tuple[int, Fraction, int]]) -> Fraction | None:
        val = self.val
        return exact_price(self.costs[j], self.total_util[j], [(val[c], s, w) for c, s, w in rows])

    def fund(self, j: int, rows: list[tuple[int, Fraction, int]], rho: Fraction | None) -> None:
        """Split j's supporters' classes; exact child values right away when ``rho`` is."""
        val = self.val
        split = []
        child_of = {}
        for c, s, w in rows:
            child = len(val)
            val.append(None if rho is None else max(val[c] - rho * s, Fraction(0)))
            child_of[c, s] = child
            split.append((c, s, w, child))
        cls = self.cls
        if self.util[j] is None:
            s = self.const_util[j]
            for u in self.units[j]:
                cls[u] = child_of[cls[u], s]
        else:
            for u, s in zip(self.units[j], self.util[j], strict=True):
                cls[u] = child_of[cls[u], s]
        self.fundings.append((j, rho, split))
        if rho is not None and self.done == len(self.fundings) - 1:
            self.done += 1

    def catch_up(self) -> None:
        """Exact values for every class, replaying the fundings taken in floats."""
        val = self.val
        for k in range(self.done, len(self.fundings)):
            j, rho, split = self.fundings[k]
            if rho is None:
                rho = self.price(j, [(c, s, w) for c, s, w, _ in split])
                if rho is None:  # pragma: no cover - would mean the float path was wrong
                    raise ArithmeticError("float and exact Equal Shares disagree")
                self.fundings[k] = (j, rho, split)
            for c, s, _, child in split:
                val[child] = max(val[c] - rho * s, Fraction(0))
        self.done = len(self.fundings)


def run_mes_plain(
    weights: list[int],
    units: list[list[int]],
    util: list[list[Fraction] | None],
    const_util: list[Fraction | None],
    costs: list[Fraction],
    total_util: list[Fraction],
    total_weight: list[int],
    candidates: list[int],
    tie_key: list,
    b0: Fraction,
) -> PlainResult:
    """One run of Equal Shares with every voter starting at ``b0``.

    Per project ``j``: ``units[j]`` are the supporting units (each unit stands for
    ``weights[u]`` identical voters) with positive utility; the utility of each is
    ``const_util[j]`` when that is not None (cost utilities: the cost), else ``util[j]``
    (parallel to ``units[j]``). ``total_util[j]`` is the exact weighted sum of utilities,
    ``total_weight[j]`` the number of voters in ``units[j]``.
    """
    n_units = len(weights)
    b0_f = float(b0)
    bud = [b0_f] * n_units  # the float budget of each unit
    cost_f = [float(c) for c in costs]
    util_f = {j: float(total_util[j]) for j in candidates}  # total utility weight
    stale = {j: float(costs[j] / total_util[j]) for j in candidates}
    # Money only goes down: projects whose supporters clearly cannot pay for them at the
    # start never can (on big files most unfunded projects are dropped here, unevaluated).
    remaining = {j for j in candidates if b0_f * total_weight[j] >= cost_f[j] * (1 - TOL)}
    live: dict[int, list] = {}  # per project evaluated: its supporters with money left
    one: dict[int, bool] = {}  # per project evaluated: whether each unit is one voter
    selected: list[int] = []
    exact: _Exact | None = None
    fundings: list[tuple[int, Fraction | None]] = []  # (project, exact price or None)

    def live_of(j: int) -> list:
        """[units, their weights, their float utilities (None: all const_util[j]), the
        utility weight of the supporters dropped since their budget reached zero]."""
        lv = live.get(j)
        if lv is None:
            us = units[j]
            ss = None if util[j] is None else [float(v) for v in util[j]]
            ws = list(map(weights.__getitem__, us))
            lv = live[j] = [us, ws, ss, 0.0]
            one[j] = len(ws) == sum(ws)  # one voter per unit
        return lv

    def float_rho(j: int, cutoff: float) -> tuple[float, int]:
        """(price per unit of utility, status): 0 clear, 1 unaffordable, 2 too close. A
        price above ``cutoff`` is only bounded from below (it cannot win this round)."""
        us, ws, ss, dropped = live_of(j)
        cost = cost_f[j]
        bs = list(map(bud.__getitem__, us))
        if 0.0 in bs:
            # A budget that reached zero stays there for the rest of the run: such
            # supporters pay nothing, and are dropped from j's list once and for all.
            keep = list(map(bool, bs))
            bs = list(compress(bs, keep))
            us = list(compress(us, keep))
            kept_w = list(compress(ws, keep))
            if ss is None:
                dropped += sum(ws) - sum(kept_w)
            else:
                kept_s = list(compress(ss, keep))
                dropped += sumprod(ws, ss) - sumprod(kept_w, kept_s)
                ss = kept_s
            ws = kept_w
            live[j] = [us, ws, ss, dropped]
        total = sumprod(bs, ws)
        if total < cost * (1 - TOL):
            return _INF, 1
        if ss is None:
            # All pay min(budget, x) with x = rho * s, the same x for all: work with x.
            s = float(const_util[j])
            ratios = bs
            left = total_weight[j] - dropped
        else:
            s = 1.0
            ratios = list(map(truediv, bs, ss))
            left = util_f[j] - dropped
        rho = cost / left  # the price if all could pay an equal share: a lower bound
        if total <= cost * (1 + TOL):
            # The money is within rounding of the cost: nearly all pay all they have, and a
            # float price could be far off (or infinite). Only the lower bound; the caller
            # takes the exact price when it matters.
            return rho / s, 2
        cutoff *= s
        if rho > cutoff or min(ratios) >= rho:
            return rho / s, 0
        lower = rho
        # Some cannot pay an equal share: they pay all they have. Only those below a bound
        # on the price are sorted; the bound grows until the price is below it, or above
        # the cutoff (then the price found is a lower bound: all below the bound are poor).
        bound = min(2 * rho, cutoff)
        while True:
            if ss is None and one[j]:
                # Equal budgets are common (voters who supported the same funded projects):
                # count the voters per budget in C, and sort the distinct budgets only.
                low = [r for r in ratios if r < bound]
                voters = Counter(low)
                rows = sorted(voters)
                weight = list(map(voters.__getitem__, rows))
            elif ss is None:
                pairs = [(r, w) for r, w in zip(ratios, ws, strict=True) if r < bound]
                low = pairs
                voters = {}
                get = voters.get
                for r, w in pairs:
                    voters[r] = get(r, 0) + w
                rows = sorted(voters)
                weight = list(map(voters.__getitem__, rows))
            else:
                low = [i for i, r in enumerate(ratios) if r < bound]
                low.sort(key=ratios.__getitem__)
                rows = list(map(ratios.__getitem__, low))
                weight = list(map(mul, map(ss.__getitem__, low), map(ws.__getitem__, low)))
            # a supporter's budget is its ratio times its utility
            rho = _price(rows, map(mul, rows, weight), weight, cost, left)
            if rho == _INF:  # all poor, in floats: only exact arithmetic can tell
                return lower / s, 2
            if rho <= bound or len(low) == len(ratios):
                return rho / s, 0
            if bound >= cutoff:
                return rho / s, 0
            bound = min(4 * rho, cutoff)

    def ensure_exact() -> _Exact:
        """The budget classes with exact values, built on first use by replaying the
        fundings so far."""
        nonlocal exact
        if exact is None:
            exact = _Exact(n_units, b0, (units, util, const_util, costs, total_util))
            for j, rho_x in fundings:
                exact.fund(j, exact.groups(j, weights), rho_x)
        exact.catch_up()
        return exact

    def fund(j: int, rho_f: float, rho_x: Fraction | None, rows=None) -> None:
        us, _, ss, _ = live_of(j)  # the others have nothing left to pay
        bs = map(bud.__getitem__, us)
        if ss is None:
            x = rho_f * float(const_util[j])
            new = [b - x if b > x else 0.0 for b in bs]
        else:
            pays = map(rho_f.__mul__, ss)
            new = [b - p if b > p else 0.0 for b, p in zip(bs, pays, strict=True)]
        deque(map(bud.__setitem__, us, new), 0)
        if exact is not None:
            exact.fund(j, rows if rows is not None else exact.groups(j, weights), rho_x)
        fundings.append((j, rho_x))
        selected.append(j)
        remaining.discard(j)

    while remaining:
        order = sorted(remaining, key=lambda j: (stale[j], tie_key[j]))
        best = _INF
        evaluated: dict[int, tuple[float, int]] = {}
        for j in order:
            # rho only grows during a run: the last value computed is a lower bound.
            if stale[j] > best * (1 + TOL):
                break
            rho, status = float_rho(j, best * (1 + TOL))
            if status == 2 and rho <= best * (1 + TOL):
                # Its supporters have just about its cost: only exact arithmetic can say
                # whether they can pay for it, and at what price.
                ex = ensure_exact()
                rho_x = ex.price(j, ex.groups(j, weights))
                status = 1 if rho_x is None else 2
                rho = _INF if rho_x is None else float(rho_x)
            if status == 1:
                remaining.discard(j)
                continue
            stale[j] = rho
            evaluated[j] = (rho, status)
            best = min(best, rho)
        if not evaluated:
            break
        close = [j for j, ev in evaluated.items() if ev[0] <= best * (1 + TOL)]
        if len(close) == 1 and evaluated[close[0]][1] == 0:
            chosen = close[0]
            fund(chosen, evaluated[chosen][0], None)
            continue
        # Too close for floats: decide in exact arithmetic.
        exact = ensure_exact()
        val, cls = exact.val, exact.cls
        as_float = [float(v) for v in val]
        bud = list(map(as_float.__getitem__, cls))  # floats as close to exact as they get
        live.clear()  # a budget that was zero in floats may not be, exactly
        exact_rhos = []
        rows_of = {}
        for j in close:
            rows_of[j] = exact.groups(j, weights)
            rho = exact.price(j, rows_of[j])
            if rho is None:
                remaining.discard(j)
            else:
                exact_rhos.append((rho, tie_key[j], j))
        if not exact_rhos:
            continue
        rho_x, _, chosen = min(exact_rhos)
        fund(chosen, float(rho_x), rho_x, rows_of[chosen])

    chosen_set = set(selected)
    unit_money = list(map(mul, bud, weights))
    supporters_money = {
        j: sum(map(unit_money.__getitem__, units[j])) for j in candidates if j not in chosen_set
    }
    return PlainResult(selected, exact is not None, supporters_money)
