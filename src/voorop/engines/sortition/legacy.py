"""The old greedy draw ("legacy"), kept for comparison and for continuity with past practice.

One draw: repeatedly look at the quota values still below their minimum, take the one whose
remaining need is largest relative to the people still available with it (the most urgent),
and select a uniformly random available person with that value; once all minimums are met,
select uniformly among everyone still available. After each selection, people whose values
would push a quota past its maximum (and housemates, with the household rule) become
unavailable. A draw that gets stuck is retried.

It gives no guarantee about individual selection probabilities; we estimate them by
repeating the draw (default 1,000 times: standard error at most 0.016 per person).
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ._monitor import Monitor
from .compiled import Compiled
from .draw import SeedStream
from .model import SortitionError

DEFAULT_LEGACY_DRAWS = 1000
MAX_ATTEMPTS = 100


def legacy_draw(problem: Compiled, stream: SeedStream) -> np.ndarray | None:
    n, k = problem.n, problem.panel_size
    aq = problem.agent_quota
    available = np.ones(n, dtype=bool)
    counts = np.zeros(problem.n_quotas, dtype=np.int64)
    household_of = np.full(n, -1, dtype=np.int64)
    for g, members in enumerate(problem.households):
        household_of[members] = g
    chosen: list[int] = []
    for _ in range(k):
        avail_per_quota = np.bincount(aq[available].ravel(), minlength=problem.n_quotas)
        need = problem.lower - counts
        urgent = np.flatnonzero(need > 0)
        if len(urgent):
            if np.any(avail_per_quota[urgent] < need[urgent]):
                return None
            ratio = need[urgent] / avail_per_quota[urgent]
            best = urgent[ratio >= ratio.max() - 1e-12]
            q = int(best[stream.below(len(best))])
            f = problem.quota_feature[q]
            options = np.flatnonzero(available & (aq[:, f] == q))
        else:
            options = np.flatnonzero(available)
        if len(options) == 0:
            return None
        a = int(options[stream.below(len(options))])
        chosen.append(a)
        available[a] = False
        counts[aq[a]] += 1
        full = np.flatnonzero(counts >= problem.upper)
        if len(full):
            available &= ~np.isin(aq, full).any(axis=1)
        if household_of[a] >= 0:
            available[problem.households[household_of[a]]] = False
    panel = np.array(sorted(chosen), dtype=np.int64)
    return panel if problem.meets_quotas(panel) else None


def legacy_distribution(
    problem: Compiled, draws: int, seed: str | int, monitor: Monitor
) -> tuple[list[np.ndarray], np.ndarray, dict[str, int]]:
    """Empirical distribution of `draws` legacy draws (panels, frequencies)."""
    stream = SeedStream(seed, "legacy")
    tally: Counter[bytes] = Counter()
    panels: dict[bytes, np.ndarray] = {}
    failures = 0
    for i in range(draws):
        for _ in range(MAX_ATTEMPTS):
            panel = legacy_draw(problem, stream)
            if panel is not None:
                break
            failures += 1
        else:
            raise SortitionError(
                f"The legacy draw failed {MAX_ATTEMPTS} times in a row; the quotas are too "
                "tight for it (use leximin)."
            )
        key = panel.tobytes()
        panels.setdefault(key, panel)
        tally[key] += 1
        if i % 20 == 0:
            monitor.report(i / draws, f"Legacy draw {i}/{draws}")
    keys = sorted(tally)
    weights = np.array([tally[key] for key in keys], dtype=np.float64) / draws
    return [panels[key] for key in keys], weights, {"legacy_draws": draws, "failures": failures}
