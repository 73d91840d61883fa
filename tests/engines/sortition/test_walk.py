"""The Carathéodory walk: every panel it takes is a panel, and it decomposes the target.

The walk only prepares columns for the master LP (colgen.decompose checks the result), but
its bookkeeping must be exact: target = sum of weight x panel + residual x end point.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from voorop.engines.sortition import colgen, find_distribution
from voorop.engines.sortition._monitor import Monitor
from voorop.engines.sortition.colgen import (
    DECOMPOSE_TOLERANCE,
    Master,
    Mixture,
    _lottery,
    initial_panels,
)
from voorop.engines.sortition.compiled import compile_problem
from voorop.engines.sortition.model import SolverError
from voorop.engines.sortition.pricing import PanelOracle
from voorop.engines.sortition.relaxation import relaxed_leximin
from voorop.engines.sortition.synthetic import synthetic_instance
from voorop.engines.sortition.walk import caratheodory_walk

from .helpers import assert_valid_distribution
from .test_relaxation import instances

QUIET = Monitor(None, None)


def walk_for(problem):
    oracle = PanelOracle(problem)
    _, impossible = initial_panels(problem, oracle, QUIET)
    target, _ = relaxed_leximin(problem, impossible, QUIET, (0.1, 0.1))
    return target, caratheodory_walk(problem, target, oracle, QUIET, (0.2, 0.6))


def assert_decomposes(problem, target, walk) -> None:
    assert walk.panels, "the walk took no panel"
    weights = np.array(walk.weights)
    assert (weights >= 0).all()
    assert 0 <= walk.residual < 1
    assert weights.sum() + walk.residual == pytest.approx(1.0, abs=1e-12)
    rebuilt = walk.residual * walk.end
    for panel, w in zip(walk.panels, walk.weights, strict=True):
        assert problem.meets_quotas(panel), "a walk panel breaks a quota"
        for group in problem.households:
            assert np.isin(group, panel).sum() <= 1, "two housemates on one panel"
        rebuilt[panel] += w
    np.testing.assert_allclose(rebuilt, target, atol=1e-9)


@pytest.mark.parametrize(("seed", "instance"), instances(25), ids=lambda x: str(x)[:8])
def test_walk_decomposes_the_relaxed_point_on_small_pools(seed, instance) -> None:
    pool, quotas, k = instance
    problem = compile_problem(pool, quotas, k)
    target, walk = walk_for(problem)
    assert_decomposes(problem, target, walk)


@pytest.mark.parametrize("households", [False, True])
def test_walk_on_a_generated_pool_places_nearly_all_weight(households: bool) -> None:
    inst = synthetic_instance(200, 20, seed=7)
    problem = compile_problem(inst.pool, inst.quotas, 20, households=households)
    assert bool(problem.households) == households
    target, walk = walk_for(problem)
    assert_decomposes(problem, target, walk)
    # What is left for the master LP to close is tiny.
    assert walk.residual < 1e-4


@pytest.mark.parametrize("tail", [colgen.WALK_TAIL, 20])
def test_leximin_takes_the_walk_and_meets_the_relaxed_point(monkeypatch, tail: int) -> None:
    # With a short tail the walk's earlier panels enter the master as blocks (mixtures).
    monkeypatch.setattr(colgen, "WALK_TAIL", tail)
    split = colgen._split_walk
    seen: list[int] = []

    def spy(walk):
        blocks, rest = split(walk)
        seen.append(len(blocks))
        return blocks, rest

    monkeypatch.setattr(colgen, "_split_walk", spy)
    inst = synthetic_instance(200, 20, seed=7)
    problem = compile_problem(inst.pool, inst.quotas, 20)
    target, _ = walk_for(problem)
    dist = find_distribution(inst.pool, inst.quotas, 20, algorithm="leximin")
    assert dist.stats["method"] == "relaxation"
    assert dist.stats["walk_steps"] > 0
    assert (seen[0] > 0) == (tail == 20)
    assert_valid_distribution(dist, inst.pool, inst.quotas, 20)
    got = np.array([dist.probabilities[i] for i in problem.ids])
    assert (got >= target * (1 - DECOMPOSE_TOLERANCE) - 1e-12).all()
    # One-sided tolerance: the excess is what the others lack, at most k * tolerance.
    assert (got - target).max() <= 20 * DECOMPOSE_TOLERANCE
    assert got.sum() == pytest.approx(20)


def test_solver_trouble_on_the_fast_path_falls_back_to_the_exact_levels(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise SolverError("HiGHS could not solve the relaxed leximin level: Infeasible.")

    monkeypatch.setattr(colgen, "relaxed_leximin", broken)
    inst = synthetic_instance(60, 8, seed=3)
    for algorithm, levels in (("leximin", None), ("maximin", 1)):
        dist = find_distribution(inst.pool, inst.quotas, 8, algorithm=algorithm)
        assert dist.stats["method"] == "levels"
        if levels is not None:
            assert dist.stats["levels"] == levels
        assert_valid_distribution(dist, inst.pool, inst.quotas, 8)


def test_a_mixture_column_opens_up_into_its_panels() -> None:
    panels = (np.array([0, 1]), np.array([2, 3]), np.array([0, 3]))
    mixture = Mixture(panels, np.array([0.5, 0.25, 0.25]))
    target = mixture.mean(4)
    master = Master(4, target=target)
    master.add_mixtures([mixture])
    master.add_panels([np.array([1, 2])])
    z, _, _ = master.solve()
    assert z == pytest.approx(1.0)
    result = _lottery(master, {})
    np.testing.assert_allclose(result.probabilities, target)
    assert {p.tobytes() for p in result.panels} == {p.tobytes() for p in panels}


@pytest.mark.slow
def test_generated_pool_of_500_for_a_panel_of_100() -> None:
    # At HiGHS's tight tolerance the relaxation's LP once looked infeasible after fixing
    # levels on this pool; it now loosens the tolerance and carries on.
    inst = synthetic_instance(500, 100, seed=2026)
    dist = find_distribution(inst.pool, inst.quotas, 100, algorithm="leximin")
    assert dist.stats["method"] == "relaxation"
    assert dist.min_probability == pytest.approx(0.138339916, abs=1e-6)
    assert math.fsum(dist.probabilities.values()) == pytest.approx(100)
