"""Property tests on generated small pools, checked against brute force.

For pools of at most a dozen people every panel can be enumerated, so feasibility and the
maximin value are known exactly: the maximin LP over *all* feasible panels is solved
directly with HiGHS, independently of the column generation under test.
"""

from __future__ import annotations

import itertools
import math

import highspy
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voorop.engines.sortition import (
    InfeasibleQuotasError,
    Person,
    Pool,
    Quota,
    check_feasibility,
    draw_panel,
    find_distribution,
    propose_quotas,
)

from .helpers import assert_valid_distribution, panel_meets_quotas

FEATURES = {"g": ["a", "b"], "h": ["x", "y", "z"]}


@st.composite
def instances(draw):
    n = draw(st.integers(min_value=3, max_value=11))
    k = draw(st.integers(min_value=1, max_value=min(5, n)))
    people = []
    for i in range(n):
        features = {f: draw(st.sampled_from(values)) for f, values in FEATURES.items()}
        people.append(Person(f"p{i:02d}", features))
    quotas = []
    for f, values in FEATURES.items():
        for v in values:
            low = draw(st.integers(min_value=0, max_value=k))
            high = draw(st.integers(min_value=low, max_value=k))
            quotas.append(Quota(f, v, low, high))
    return Pool(tuple(people)), tuple(quotas), k


def feasible_panels(pool: Pool, quotas, k: int) -> list[tuple[str, ...]]:
    return [
        panel
        for panel in itertools.combinations(pool.ids, k)
        if panel_meets_quotas(pool, quotas, panel, k)
    ]


def brute_force_maximin(pool: Pool, panels: list[tuple[str, ...]]) -> float:
    """max z s.t. sum_{P containing i} x_P >= z for everyone who is on some panel."""
    ids = [pid for pid in pool.ids if any(pid in p for p in panels)]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    m = len(panels)
    h.addVars(m + 1, np.zeros(m + 1), np.concatenate([np.full(m, np.inf), [1.0]]))
    h.changeColsCost(1, np.array([m], dtype=np.int32), np.array([1.0]))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    for pid in ids:
        cols = [j for j, p in enumerate(panels) if pid in p] + [m]
        vals = [1.0] * (len(cols) - 1) + [-1.0]
        h.addRow(0.0, np.inf, len(cols), np.array(cols, dtype=np.int32), np.array(vals))
    h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
    h.run()
    value = h.getInfo().objective_function_value
    # People on no panel have probability 0 under every algorithm.
    return value if len(ids) == len(pool.ids) else 0.0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.sampled_from(["leximin", "maximin", "nash"]))
def test_generated_pools(instance, algorithm) -> None:
    pool, quotas, k = instance
    panels = feasible_panels(pool, quotas, k)
    report = check_feasibility(pool, quotas, k)
    assert report.feasible == bool(panels)
    if not panels:
        assert report.conflicts
        try:
            find_distribution(pool, quotas, k, algorithm=algorithm)
        except InfeasibleQuotasError as error:
            assert error.report == report
        else:
            raise AssertionError("infeasible quotas not detected")
        return
    dist = find_distribution(pool, quotas, k, algorithm=algorithm)
    assert_valid_distribution(dist, pool, quotas, k)
    assert draw_panel(dist, "x").panel in dist.panels
    if algorithm in ("leximin", "maximin"):
        assert math.isclose(dist.min_probability, brute_force_maximin(pool, panels), abs_tol=1e-6)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "c", "d", "e"]),
        st.floats(min_value=0.0, max_value=1.0),
        min_size=1,
    ).filter(lambda d: sum(d.values()) > 0.01),
    st.integers(min_value=1, max_value=250),
    st.floats(min_value=0.0, max_value=0.2),
)
def test_proposed_quotas_are_consistent(shares, k, tolerance) -> None:
    quotas = propose_quotas({"f": shares}, k, tolerance=tolerance)
    assert sum(q.min for q in quotas) <= k <= sum(q.max for q in quotas)
    assert all(0 <= q.min <= q.max <= k for q in quotas)
    total = sum(shares.values())
    for q in quotas:
        target = shares[q.value] / total * k
        assert q.min - 1e-9 <= target <= q.max + 1e-9
