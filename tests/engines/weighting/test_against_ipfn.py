"""Raking against ipfn (iterative proportional fitting on the sample's contingency table).

Raking weights depend only on a respondent's cell (their combination of values), so the
weight of a cell is ipfn's fitted count divided by the sample count. ipfn is a dev
dependency only; importing it makes this an oracle module.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from ipfn import ipfn

from voorop.engines.weighting import Margin, rake

FEATURES = {"leeftijd": ["18-34", "35-64", "65+"], "opleiding": ["laag", "midden", "hoog"],
            "wijk": ["N", "O", "Z"]}  # fmt: skip


def generated_panel(seed: int, n: int) -> tuple[list[dict[str, str]], list[Margin]]:
    """A panel skewed as self-selected panels are (older, higher educated), every cell filled."""
    rng = np.random.default_rng(seed)
    skew = {"leeftijd": [0.12, 0.45, 0.43], "opleiding": [0.15, 0.3, 0.55], "wijk": [0.3, 0.4, 0.3]}
    people = [
        dict(zip(FEATURES, combo, strict=True)) for combo in itertools.product(*FEATURES.values())
    ]
    for _ in range(n - len(people)):
        people.append({f: str(rng.choice(v, p=skew[f])) for f, v in FEATURES.items()})
    population = {
        "leeftijd": [0.28, 0.48, 0.24],
        "opleiding": [0.3, 0.4, 0.3],
        "wijk": [0.25, 0.45, 0.3],
    }
    margins = [Margin(f, dict(zip(v, population[f], strict=True))) for f, v in FEATURES.items()]
    return people, margins


@pytest.mark.parametrize(("seed", "n"), [(1, 200), (2, 1500), (3, 600)])
def test_weights_are_ipfns(seed, n):
    people, margins = generated_panel(seed, n)
    ours = rake(people, margins, trimming=None, tolerance=1e-10)
    assert ours.converged

    shape = tuple(len(v) for v in FEATURES.values())
    index = [{v: i for i, v in enumerate(values)} for values in FEATURES.values()]
    sample = np.zeros(shape)
    cells = []
    for person in people:
        cell = tuple(index[d][person[f]] for d, f in enumerate(FEATURES))
        sample[cell] += 1
        cells.append(cell)
    aggregates = [np.array(list(m.shares.values())) * n for m in margins]
    fitted = ipfn.ipfn(
        sample.copy(), aggregates, [[0], [1], [2]], convergence_rate=1e-12, max_iteration=5000
    ).iteration()
    theirs = np.array([fitted[c] / sample[c] for c in cells])
    np.testing.assert_allclose(ours.weights, theirs, rtol=1e-6)
