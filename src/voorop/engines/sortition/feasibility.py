"""Can any panel meet the quotas? If not, say which quotas conflict and by how much.

First the simple counting arguments (each names one feature or value and a number), then,
if those find nothing, the exact test: the panel MIP. When it is infeasible, a HiGHS model
with a slack on every quota bound finds the smallest total relaxation that makes a panel
possible; each quota with a non-zero slack is reported.
"""

from __future__ import annotations

from collections.abc import Sequence

import highspy
import numpy as np

from ._highs import INF, add_rows, is_infeasible, new_highs, require_optimal
from .compiled import Compiled, compile_problem
from .model import FeasibilityReport, Pool, Quota, QuotaConflict, QuotaRelaxation
from .pricing import PanelOracle


def _counting_conflicts(problem: Compiled, households: bool) -> list[QuotaConflict]:
    k = problem.panel_size
    out: list[QuotaConflict] = []
    if problem.n < k:
        out.append(
            QuotaConflict(
                "pool_too_small",
                None,
                None,
                k,
                problem.n,
                f"the pool has {problem.n} people, fewer than the panel size {k}",
            )
        )
    available = np.bincount(problem.agent_quota.ravel(), minlength=problem.n_quotas)
    for q, quota in enumerate(problem.quotas):
        if quota.min > quota.max:
            out.append(
                QuotaConflict(
                    "min_above_max",
                    quota.feature,
                    quota.value,
                    quota.min,
                    quota.max,
                    f"{quota.feature}={quota.value}: minimum {quota.min} is above maximum "
                    f"{quota.max}",
                )
            )
        if available[q] < quota.min:
            out.append(
                QuotaConflict(
                    "not_enough_people",
                    quota.feature,
                    quota.value,
                    quota.min,
                    int(available[q]),
                    f"{quota.feature}={quota.value}: minimum {quota.min} but only "
                    f"{available[q]} in the pool (short by {quota.min - available[q]})",
                )
            )
    for f, name in enumerate(problem.features):
        qs = np.flatnonzero(problem.quota_feature == f)
        mins = int(problem.lower[qs].sum())
        maxes = int(problem.upper[qs].sum())
        reachable = int(np.minimum(problem.upper[qs], available[qs]).sum())
        if mins > k:
            out.append(
                QuotaConflict(
                    "mins_exceed_panel",
                    name,
                    None,
                    mins,
                    k,
                    f"{name}: the minimums add up to {mins}, more than the panel size {k} "
                    f"(by {mins - k})",
                )
            )
        if maxes < k:
            out.append(
                QuotaConflict(
                    "maxes_below_panel",
                    name,
                    None,
                    k,
                    maxes,
                    f"{name}: the maximums add up to {maxes}, less than the panel size {k} "
                    f"(by {k - maxes})",
                )
            )
        elif reachable < k:
            out.append(
                QuotaConflict(
                    "maxes_below_panel",
                    name,
                    None,
                    k,
                    reachable,
                    f"{name}: within the maximums the pool offers only {reachable} people, "
                    f"less than the panel size {k} (by {k - reachable})",
                )
            )
    if households and problem.households:
        in_group = np.zeros(problem.n, dtype=bool)
        for g in problem.households:
            in_group[g] = True
        distinct = int((~in_group).sum()) + len(problem.households)
        if distinct < k:
            out.append(
                QuotaConflict(
                    "too_few_households",
                    None,
                    None,
                    k,
                    distinct,
                    f"the pool has {distinct} households, fewer than the panel size {k}",
                )
            )
    return out


def minimal_relaxation(problem: Compiled) -> tuple[QuotaRelaxation, ...] | None:
    """Smallest total change to quota bounds that admits a panel (None: the pool or the
    households are too small, which no quota change can fix)."""
    n, k, m = problem.n, problem.panel_size, problem.n_quotas
    if n < k:
        return None
    h = new_highs()
    # columns: x (n binaries), below (m), above (m)
    h.addVars(n + 2 * m, np.zeros(n + 2 * m), np.concatenate([np.ones(n), np.full(2 * m, INF)]))
    h.changeColsIntegrality(
        n,
        np.arange(n, dtype=np.int32),
        np.full(n, highspy.HighsVarType.kInteger, dtype=np.uint8),
    )
    h.changeColsCost(
        2 * m, np.arange(n, n + 2 * m, dtype=np.int32), np.ones(2 * m, dtype=np.float64)
    )
    rows = [np.arange(n)]
    values = [np.ones(n)]
    lower: list[float] = [k]
    upper: list[float] = [k]
    for q in range(m):
        members = problem.members(q)
        # count + below >= min ; count - above <= max
        rows.append(np.append(members, n + q))
        values.append(np.ones(len(members) + 1))
        lower.append(float(problem.lower[q]))
        upper.append(INF)
        rows.append(np.append(members, n + m + q))
        values.append(np.append(np.ones(len(members)), -1.0))
        lower.append(-INF)
        upper.append(float(problem.upper[q]))
    for group in problem.households:
        rows.append(group)
        values.append(np.ones(len(group)))
        lower.append(-INF)
        upper.append(1.0)
    add_rows(h, rows, lower, upper, values)
    h.setOptionValue("time_limit", 60.0)
    h.run()
    if is_infeasible(h):
        return None
    require_optimal(h, "quota relaxation")
    sol = np.asarray(h.getSolution().col_value)
    below = np.rint(sol[n : n + m]).astype(int)
    above = np.rint(sol[n + m :]).astype(int)
    out = []
    for q, quota in enumerate(problem.quotas):
        if below[q] or above[q]:
            out.append(
                QuotaRelaxation(
                    feature=quota.feature,
                    value=quota.value,
                    min=quota.min,
                    max=quota.max,
                    relaxed_min=quota.min - int(below[q]),
                    relaxed_max=quota.max + int(above[q]),
                )
            )
    return tuple(out)


def _relaxation_conflicts(relaxations: Sequence[QuotaRelaxation]) -> list[QuotaConflict]:
    out = []
    for r in relaxations:
        if r.relaxed_min < r.min:
            out.append(
                QuotaConflict(
                    "cross_feature",
                    r.feature,
                    r.value,
                    r.min,
                    r.relaxed_min,
                    f"{r.feature}={r.value}: together with the other quotas at most "
                    f"{r.relaxed_min} can be selected, minimum is {r.min} "
                    f"(lower it by {r.min - r.relaxed_min})",
                )
            )
        if r.relaxed_max > r.max:
            out.append(
                QuotaConflict(
                    "cross_feature",
                    r.feature,
                    r.value,
                    r.relaxed_max,
                    r.max,
                    f"{r.feature}={r.value}: together with the other quotas at least "
                    f"{r.relaxed_max} must be selected, maximum is {r.max} "
                    f"(raise it by {r.relaxed_max - r.max})",
                )
            )
    return out


def check_compiled(problem: Compiled, *, households: bool = False) -> FeasibilityReport:
    conflicts = _counting_conflicts(problem, households)
    if not conflicts and PanelOracle(problem).solve(np.zeros(problem.n), rough=True) is not None:
        return FeasibilityReport(feasible=True)
    relaxations = minimal_relaxation(problem)
    if relaxations is None:
        relaxations = ()
        if not conflicts:
            conflicts = [
                QuotaConflict(
                    "too_few_households",
                    None,
                    None,
                    problem.panel_size,
                    0,
                    "no panel has at most one person per household",
                )
            ]
    elif not conflicts:
        conflicts = _relaxation_conflicts(relaxations)
    return FeasibilityReport(
        feasible=False, conflicts=tuple(conflicts), relaxations=tuple(relaxations)
    )


def check_feasibility(
    pool: Pool, quotas: Sequence[Quota], panel_size: int, *, households: bool = False
) -> FeasibilityReport:
    """Whether some panel of `panel_size` meets all quotas (and the household rule).

    Never raises for infeasible quotas; see FeasibilityReport.conflicts/relaxations."""
    problem = compile_problem(pool, quotas, panel_size, households=households)
    return check_compiled(problem, households=households)
