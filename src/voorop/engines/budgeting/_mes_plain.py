"""Method of Equal Shares, one run, in plain Python (no numpy) over classes of equal budget.

This is what ``compute(..., "mes")`` runs; the add1 completion uses the numpy version in
``_mes.py``, which also tracks how far each decision holds as the share grows.

Why no numpy: on the command line the whole process counts, and importing numpy costs more
than this whole computation on a 90,000-voter file. What makes plain Python fast enough:

- Voters with the same vote are merged into weighted units (done by the caller).
- Units are grouped into *budget classes*: a unit's budget depends only on which of the
  projects funded so far it supports, so all units start in one class and, when a project
  is funded, each class among its supporters is split off into one new class (per utility
  value, with point utilities). Evaluating a project is one pass over its supporting units
  to add up their weight per class, then a sort over a handful of classes, not over voters.
- Decisions are taken in floats when their margin is clearly larger than rounding (relative
  ``TOL``), else retaken in exact rationals, exactly as in ``_mes.py``. Exact class values are
  computed only then, by replaying the fundings since the last exact point (each funding
  records the classes it split and the child class of each).

So the outcome is pabutools' exact outcome, ties included (broken by ``tie_key``).
"""

from __future__ import annotations

from fractions import Fraction
from operator import mul

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
    cls = [0] * n_units  # budget class of each unit
    val_f = [float(b0)]  # float budget of each class
    val_x: list[Fraction | None] = [b0]  # exact budget of each class, None until needed
    # Per funding: (project, exact price or None, [(parent class, utility, weight, child)]).
    fundings: list[tuple[int, Fraction | None, list]] = []
    exact_done = 0  # fundings whose child classes have exact values
    used_exact = False
    cost_f = [float(c) for c in costs]
    b0_f = float(b0)
    stale = {j: float(costs[j] / total_util[j]) for j in candidates}
    # Money only goes down: projects whose supporters clearly cannot pay for them at the
    # start never can (on big files most unfunded projects are dropped here, unevaluated).
    remaining = {j for j in candidates if b0_f * total_weight[j] >= cost_f[j] * (1 - TOL)}
    unit_w: dict[int, list[int]] = {}  # weights of units[j], for the projects evaluated
    selected: list[int] = []

    def groups(j: int) -> dict:
        """Weight of j's supporters per class (per (class, utility) with point utilities)."""
        acc: dict = {}
        get = acc.get
        ws = unit_w.get(j)
        if ws is None:
            ws = unit_w[j] = list(map(weights.__getitem__, units[j]))
        if util[j] is None:
            for c, w in zip(map(cls.__getitem__, units[j]), ws, strict=True):
                acc[c] = get(c, 0) + w
        else:
            for c, s, w in zip(map(cls.__getitem__, units[j]), util[j], ws, strict=True):
                key = (c, s)
                acc[key] = get(key, 0) + w
        return acc

    def group_list(j: int, acc: dict) -> list[tuple[int, Fraction, int]]:
        if util[j] is None:
            s = const_util[j]
            return [(c, s, w) for c, w in acc.items()]
        return [(c, s, w) for (c, s), w in acc.items()]

    def float_rho(j: int, acc: dict) -> tuple[float, int]:
        """(price per unit of utility, status): 0 clear, 1 unaffordable, 2 too close."""
        cost = cost_f[j]
        total = 0.0
        if util[j] is None:
            sf = float(const_util[j])
            rows = [(val_f[c], w) for c, w in acc.items()]
            for b, w in rows:
                total += b * w
            util_left = sf * sum(acc.values())
            rows = [(b / sf, b, sf, w) for b, w in rows]
        else:
            rows = []
            util_left = 0.0
            for (c, s), w in acc.items():
                b = val_f[c]
                sf = float(s)
                total += b * w
                util_left += sf * w
                rows.append((b / sf, b, sf, w))
        if total < cost * (1 - TOL):
            return _INF, 1
        status = 2 if total <= cost * (1 + TOL) else 0
        rows.sort()
        paid = 0.0
        for ratio, b, sf, w in rows:
            rho = (cost - paid) / util_left
            if rho <= ratio:
                return rho, status
            paid += b * w
            util_left -= sf * w
        return _INF, 2

    def exact_rho(j: int, glist) -> Fraction | None:
        return exact_price(costs[j], total_util[j], [(val_x[c], s, w) for c, s, w in glist])

    def catch_up() -> None:
        """Exact values for every class, replaying the fundings taken in floats."""
        nonlocal exact_done
        for k in range(exact_done, len(fundings)):
            j, rho, split = fundings[k]
            if rho is None:
                rho = exact_rho(j, [(c, s, w) for c, s, w, _ in split])
                if rho is None:  # pragma: no cover - would mean the float path was wrong
                    raise ArithmeticError("float and exact Equal Shares disagree")
                fundings[k] = (j, rho, split)
            for c, s, _, child in split:
                val_x[child] = max(val_x[c] - rho * s, Fraction(0))
        exact_done = len(fundings)
        for c, x in enumerate(val_x):
            val_f[c] = float(x)

    def fund(j: int, acc: dict, rho_f: float, rho_x: Fraction | None) -> None:
        split = []
        child_of = {}
        for key, w in acc.items():
            c, s = (key, const_util[j]) if util[j] is None else key
            child = len(val_f)
            if rho_x is not None:
                x = max(val_x[c] - rho_x * s, Fraction(0))
                val_x.append(x)
                val_f.append(float(x))
            else:
                val_x.append(None)
                val_f.append(max(val_f[c] - rho_f * float(s), 0.0))
            child_of[key] = child
            split.append((c, s, w, child))
        if util[j] is None:
            for u in units[j]:
                cls[u] = child_of[cls[u]]
        else:
            for u, s in zip(units[j], util[j], strict=True):
                cls[u] = child_of[(cls[u], s)]
        fundings.append((j, rho_x, split))
        selected.append(j)
        remaining.discard(j)

    while remaining:
        order = sorted(remaining, key=lambda j: (stale[j], tie_key[j]))
        best = _INF
        evaluated: dict[int, tuple[float, int, dict]] = {}
        for j in order:
            # rho only grows during a run: the last value computed is a lower bound.
            if stale[j] > best * (1 + TOL):
                break
            acc = groups(j)
            rho, status = float_rho(j, acc)
            if status == 1:
                remaining.discard(j)
                continue
            stale[j] = rho
            evaluated[j] = (rho, status, acc)
            best = min(best, rho)
        if not evaluated:
            break
        close = [j for j, ev in evaluated.items() if ev[0] <= best * (1 + TOL)]
        if len(close) == 1 and evaluated[close[0]][1] == 0:
            chosen = close[0]
            fund(chosen, evaluated[chosen][2], evaluated[chosen][0], None)
            continue
        used_exact = True
        if exact_done < len(fundings):
            catch_up()
        exact_rhos = []
        for j in close:
            rho = exact_rho(j, group_list(j, evaluated[j][2]))
            if rho is None:
                remaining.discard(j)
            else:
                exact_rhos.append((rho, tie_key[j], j))
        if not exact_rhos:
            continue
        rho_x, _, chosen = min(exact_rhos)
        fund(chosen, evaluated[chosen][2], float(rho_x), rho_x)
        exact_done += 1  # its child classes got exact values right away

    chosen_set = set(selected)
    unit_money = list(map(mul, map(val_f.__getitem__, cls), weights))
    supporters_money = {
        j: float(sum(map(unit_money.__getitem__, units[j])))
        for j in candidates
        if j not in chosen_set
    }
    return PlainResult(selected, used_exact, supporters_money)
