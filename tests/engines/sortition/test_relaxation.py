"""Leximin through the LP relaxation, checked against brute force and the exact levels.

The fast path computes leximin over the relaxation R (an explicit polytope) and realises
that point as a lottery over panels; where no lottery can give it, the exact level-by-level
method must take over. With two features R is integral, so these pools use three binary
features, where the relaxation can promise what no lottery delivers.
"""

from __future__ import annotations

import itertools
import random

import highspy
import numpy as np
import pytest

from voorop.engines.sortition import Person, Pool, Quota, find_distribution
from voorop.engines.sortition._monitor import Monitor
from voorop.engines.sortition.colgen import (
    column_generation,
    decompose,
    initial_panels,
    leximin_by_relaxation,
)
from voorop.engines.sortition.compiled import compile_problem
from voorop.engines.sortition.feasibility import check_compiled
from voorop.engines.sortition.pricing import PanelOracle
from voorop.engines.sortition.relaxation import relaxed_leximin

from .conftest import load_shared
from .helpers import assert_valid_distribution

QUIET = Monitor(None, None)


def random_instance(seed: int) -> tuple[Pool, list[Quota], int] | None:
    rnd = random.Random(seed)
    n = rnd.randint(4, 9)
    k = rnd.randint(2, 4)
    people = tuple(Person(f"p{i}", {f"f{f}": rnd.choice("ab") for f in range(3)}) for i in range(n))
    quotas = []
    for f in range(3):
        for value in "ab":
            low = rnd.randint(0, k // 2 + 1)
            quotas.append(Quota(f"f{f}", value, low, rnd.randint(low, k)))
    try:
        problem = compile_problem(Pool(people), quotas, k)
    except ValueError:
        return None  # a value nobody has, without a quota row
    if not check_compiled(problem).feasible:
        return None
    return Pool(people), quotas, k


def brute_force_leximin(pool: Pool, quotas: list[Quota], k: int) -> np.ndarray:
    """Leximin over every feasible panel, enumerated; each person's rise tested by its own LP."""
    problem = compile_problem(pool, quotas, k)
    n = problem.n
    every = (np.array(c) for c in itertools.combinations(range(n), k))
    panels = [panel for panel in every if problem.meets_quotas(panel)]
    matrix = np.zeros((n, len(panels)))
    for j, panel in enumerate(panels):
        matrix[panel, j] = 1.0
    fixed: dict[int, float] = {}

    def best(objective: np.ndarray, level: float | None) -> tuple[float, np.ndarray]:
        # Variables: panel weights, then z. Maximise objective.
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        m = len(panels)
        h.addVars(m + 1, np.zeros(m + 1), np.append(np.full(m, 1.0), 1.0))
        h.changeColsCost(m + 1, np.arange(m + 1, dtype=np.int32), -objective)
        h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
        for i in range(n):
            if i in fixed:
                row = matrix[i]
                h.addRow(fixed[i] - 1e-9, highspy.kHighsInf, m, np.arange(m, dtype=np.int32), row)
            else:
                idx = np.append(np.arange(m), m).astype(np.int32)
                vals = np.append(matrix[i], -1.0)
                h.addRow(0.0, highspy.kHighsInf, m + 1, idx, vals)
        if level is not None:
            h.changeColBounds(m, level - 1e-9, level - 1e-9)
        h.run()
        solution = np.asarray(h.getSolution().col_value)
        return float(objective @ solution), matrix @ solution[:m]

    while len(fixed) < n:
        z_objective = np.zeros(len(panels) + 1)
        z_objective[-1] = 1.0
        z, _ = best(z_objective, None)
        stuck = []
        for i in range(n):
            if i in fixed:
                continue
            objective = np.zeros(len(panels) + 1)
            objective[:-1] = matrix[i]
            top, _ = best(objective, z)
            if top <= z + 1e-7:
                stuck.append(i)
        for i in stuck:
            fixed[i] = z
    return np.array([fixed[i] for i in range(n)])


def instances(count: int) -> list[tuple[int, tuple[Pool, list[Quota], int]]]:
    found = []
    seed = 0
    while len(found) < count:
        instance = random_instance(seed)
        if instance is not None:
            found.append((seed, instance))
        seed += 1
    return found


@pytest.mark.parametrize(("seed", "instance"), instances(40), ids=lambda v: str(v)[:6])
def test_leximin_equals_brute_force(seed: int, instance) -> None:
    pool, quotas, k = instance
    distribution = find_distribution(pool, quotas, k)
    assert_valid_distribution(distribution, pool, quotas, k)
    ours = np.array([distribution.probabilities[p.id] for p in pool.people])
    np.testing.assert_allclose(ours, brute_force_leximin(pool, quotas, k), atol=1e-6)


def test_relaxation_point_that_no_lottery_gives_falls_back_to_levels() -> None:
    # Seed 38: the relaxation puts one person at 0.75 and another at 0.5; no lottery over
    # panels can, and the true leximin has them at 1 and 0.25.
    instance = random_instance(38)
    assert instance is not None
    pool, quotas, k = instance
    problem = compile_problem(pool, quotas, k)
    oracle = PanelOracle(problem)
    panels, impossible = initial_panels(problem, oracle, QUIET)
    target, _ = relaxed_leximin(problem, impossible, QUIET, (0.0, 1.0))
    lottery, _ = decompose(problem, oracle, panels, target, QUIET, (0.0, 1.0))
    assert lottery is None

    result = leximin_by_relaxation(problem, monitor=QUIET)
    assert result.stats["method"] == "levels"
    np.testing.assert_allclose(
        result.probabilities, brute_force_leximin(pool, quotas, k), atol=1e-6
    )
    assert not np.allclose(np.sort(result.probabilities), np.sort(target), atol=1e-3)

    # Maximin takes the same fast path, and falls back to the exact first level only.
    maximin = leximin_by_relaxation(problem, monitor=QUIET, fallback_levels="first")
    assert maximin.stats["method"] == "levels"
    assert maximin.stats["levels"] == 1
    assert maximin.probabilities.min() == pytest.approx(result.probabilities.min(), abs=1e-7)


@pytest.mark.parametrize("name", ["sa_fixtures", "opendlp_monitoring"])
def test_maximin_is_the_leximin_lottery_when_the_fast_path_applies(name: str) -> None:
    pool, quotas, k, *_ = load_shared(name)
    maximin = find_distribution(pool, quotas, k, algorithm="maximin")
    assert maximin.stats["method"] == "relaxation"
    problem = compile_problem(pool, quotas, k)
    exact = column_generation(problem, levels="first", monitor=QUIET)
    assert maximin.min_probability == pytest.approx(exact.probabilities.min(), abs=1e-6)


@pytest.mark.parametrize("name", ["sa_fixtures", "opendlp_monitoring"])
def test_shared_instances_take_the_fast_path_and_agree_with_the_levels(name: str) -> None:
    pool, quotas, k, *_ = load_shared(name)
    problem = compile_problem(pool, quotas, k)
    fast = leximin_by_relaxation(problem, monitor=QUIET)
    assert fast.stats["method"] == "relaxation"
    exact = column_generation(problem, levels="all", monitor=QUIET)
    np.testing.assert_allclose(np.sort(fast.probabilities), np.sort(exact.probabilities), atol=1e-6)
    # Leximin probabilities are unique, so they agree person by person too.
    np.testing.assert_allclose(fast.probabilities, exact.probabilities, atol=1e-6)


def test_households_are_respected_on_the_fast_path() -> None:
    rows = [
        ("a", "f", "young", "h1"),
        ("b", "m", "young", "h1"),
        ("c", "f", "old", "h2"),
        ("d", "m", "old", "h2"),
        ("e", "f", "young", "h3"),
        ("f", "m", "old", "h4"),
    ]
    pool = Pool(tuple(Person(i, {"gender": g, "age": a}, h) for i, g, a, h in rows))
    quotas = [
        Quota("gender", "f", 1, 1),
        Quota("gender", "m", 1, 1),
        Quota("age", "young", 1, 1),
        Quota("age", "old", 1, 1),
    ]
    distribution = find_distribution(pool, quotas, 2, households=True)
    assert_valid_distribution(distribution, pool, quotas, 2, households=True)
    problem = compile_problem(pool, quotas, 2, households=True)
    exact = column_generation(problem, levels="all", monitor=QUIET)
    ours = np.array([distribution.probabilities[p.id] for p in pool.people])
    np.testing.assert_allclose(ours, exact.probabilities, atol=1e-6)
