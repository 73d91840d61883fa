"""Nash welfare: the distribution over panels maximising sum_i log p_i (Flanigan et al.).

Column generation again: on the panels found so far the concave objective is maximised by
the EM-type multiplicative update  x_P <- x_P * (1/n') * sum_{i in P} 1/p_i  (n' = people
who can be selected), which keeps x a distribution and never decreases the objective. The
gradient with respect to a new panel is sum_{i in P} 1/p_i, while every panel in use has
gradient n' on average, so the pricing MIP with weights 1/p_i finds improving panels; we stop
when no panel's gradient exceeds n' by more than NASH_TOLERANCE (relative), which bounds the
gap to the optimum.
"""

from __future__ import annotations

import numpy as np

from ._monitor import Monitor
from .colgen import ColgenResult, initial_panels
from .compiled import Compiled
from .pricing import PanelOracle

NASH_TOLERANCE = 1e-3
MAX_ROUNDS = 300
EM_ITERATIONS = 400


def _em(matrix: np.ndarray, x: np.ndarray, active: np.ndarray) -> np.ndarray:
    n_active = active.sum()
    for _ in range(EM_ITERATIONS):
        p = matrix @ x
        inv = np.where(active, 1.0 / np.maximum(p, 1e-300), 0.0)
        grad = matrix.T @ inv
        new = x * grad / n_active
        new /= new.sum()
        if np.max(np.abs(new - x)) < 1e-13:
            return new
        x = new
    return x


def find_nash(problem: Compiled, monitor: Monitor) -> ColgenResult:
    oracle = PanelOracle(problem)
    panels, impossible = initial_panels(problem, oracle, monitor)
    active = ~impossible
    n_active = float(active.sum())
    known = {p.tobytes() for p in panels}
    x = np.full(len(panels), 1.0 / len(panels))
    rounds = 0
    for rounds in range(1, MAX_ROUNDS + 1):
        matrix = np.zeros((problem.n, len(panels)))
        for j, p in enumerate(panels):
            matrix[p, j] = 1.0
        x = _em(matrix, x, active)
        prob = matrix @ x
        weights = np.where(active, 1.0 / np.maximum(prob, 1e-12), 0.0)
        # Heuristic first from the heaviest panel, exact MIP if that finds nothing.
        best = panels[int(np.argmax(x))]
        candidate = oracle.improve(best, weights)
        if weights[candidate].sum() <= n_active * (1 + NASH_TOLERANCE):
            exact = oracle.solve(weights)
            if exact is None or weights[exact].sum() <= n_active * (1 + NASH_TOLERANCE):
                break
            candidate = exact
        key = candidate.tobytes()
        if key in known:
            break
        known.add(key)
        panels.append(candidate)
        # Give the new panel a small share so EM can grow it.
        x = np.append(x * 0.99, 0.01)
        monitor.report(0.1 + 0.85 * rounds / MAX_ROUNDS, f"Nash: {len(panels)} panels")
    keep = x > 1e-9
    chosen = [p for p, k in zip(panels, keep, strict=True) if k]
    weights_out = x[keep] / x[keep].sum()
    probabilities = np.zeros(problem.n)
    for p, w in zip(chosen, weights_out, strict=True):
        probabilities[p] += w
    return ColgenResult(
        panels=chosen,
        weights=weights_out,
        probabilities=probabilities,
        stats={"rounds": rounds, "panels_generated": len(panels), "mip_solves": oracle.mip_calls},
    )
