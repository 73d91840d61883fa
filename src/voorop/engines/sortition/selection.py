"""find_distribution: the entry point that checks the quotas and runs an algorithm."""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from ._monitor import Monitor
from .colgen import leximin_by_relaxation
from .compiled import compile_problem
from .feasibility import check_compiled
from .legacy import DEFAULT_LEGACY_DRAWS, legacy_distribution
from .model import (
    Algorithm,
    CancelCheck,
    Distribution,
    InfeasibleQuotasError,
    Pool,
    PoolError,
    ProgressCallback,
    Quota,
)
from .nash import find_nash
from .quotas import pool_digest


def find_distribution(
    pool: Pool,
    quotas: Sequence[Quota],
    panel_size: int,
    *,
    algorithm: Algorithm | str = Algorithm.LEXIMIN,
    households: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    legacy_draws: int = DEFAULT_LEGACY_DRAWS,
    legacy_seed: str | None = None,
) -> Distribution:
    """A lottery over quota-respecting panels of `panel_size`.

    algorithm: leximin (default; maximises the lowest selection probability, then the
    second lowest, ...), maximin (only the lowest), nash (maximises the product), legacy (the
    old greedy draw; its distribution is the empirical one of `legacy_draws` draws, seeded by
    `legacy_seed`, default derived from the pool digest, so it is reproducible too).
    households: at most one person per household (Person.household).
    progress(fraction, message) is called now and then; cancel() returning True aborts with
    SelectionCancelled.

    Raises InfeasibleQuotasError (with structured detail) when no panel meets the quotas.
    Deterministic: the same input gives the same distribution (same engine and HiGHS version).
    """
    algorithm = Algorithm(algorithm)
    monitor = Monitor(progress, cancel)
    started = time.perf_counter()
    monitor.report(0.0, "Checking the quotas", force=True)
    problem = compile_problem(pool, quotas, panel_size, households=households)
    report = check_compiled(problem, households=households)
    if not report.feasible:
        raise InfeasibleQuotasError(report)
    if algorithm is Algorithm.LEGACY:
        if legacy_draws < 1:
            raise PoolError("legacy_draws must be at least 1.")
        seed = legacy_seed if legacy_seed is not None else pool_digest(pool, quotas)
        panels, weights, counts = legacy_distribution(problem, legacy_draws, seed, monitor)
        stats: dict[str, float | int | str] = dict(counts)
    else:
        if algorithm is Algorithm.NASH:
            result = find_nash(problem, monitor)
        elif algorithm is Algorithm.LEXIMIN:
            result = leximin_by_relaxation(problem, monitor=monitor)
        else:
            # The leximin lottery also maximises the minimum; realising the relaxed leximin
            # point is far cheaper than the exact first level (which took 722 s on the shared
            # 500 / 100 pool with engine 1.1); that level remains the fallback.
            result = leximin_by_relaxation(problem, monitor=monitor, fallback_levels="first")
        panels, weights, stats = result.panels, result.weights, dict(result.stats)
    distribution = _assemble(problem.ids, algorithm, panel_size, panels, weights, stats)
    stats["seconds"] = round(time.perf_counter() - started, 3)
    monitor.report(1.0, "Done", force=True)
    return distribution


def _assemble(
    ids: tuple[str, ...],
    algorithm: Algorithm,
    panel_size: int,
    panels: list[np.ndarray],
    weights: np.ndarray,
    stats: dict,
) -> Distribution:
    merged: dict[tuple[str, ...], float] = {}
    for panel, w in zip(panels, weights, strict=True):
        key = tuple(sorted(ids[i] for i in panel))
        merged[key] = merged.get(key, 0.0) + float(w)
    order = sorted(merged)
    total = sum(merged.values())
    probs = tuple(merged[p] / total for p in order)
    per_person = dict.fromkeys(ids, 0.0)
    for members, w in zip(order, probs, strict=True):
        for pid in members:
            per_person[pid] += w
    return Distribution(
        algorithm=algorithm,
        panel_size=panel_size,
        panels=tuple(order),
        panel_probabilities=probs,
        probabilities=per_person,
        min_probability=min(per_person.values()) if per_person else 0.0,
        stats=stats,
    )
