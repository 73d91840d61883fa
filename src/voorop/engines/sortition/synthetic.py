"""Realistic synthetic respondent pools for tests, benchmarks and demo data.

A fictional Dutch municipality with seven features. People are drawn from the population
shares, then respond with a probability that mimics self-selection in real invitation
rounds: older, higher-educated and topic-supportive residents answer more often, young and
lower-educated residents less. About a tenth of the respondents share a household with
another respondent. Everything is deterministic in the seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .model import Person, Pool, Quota
from .quotas import count_values, propose_quotas

POPULATION_SHARES: dict[str, dict[str, float]] = {
    "geslacht": {"vrouw": 0.503, "man": 0.492, "anders": 0.005},
    "leeftijd": {
        "16-24": 0.13,
        "25-34": 0.16,
        "35-44": 0.15,
        "45-54": 0.16,
        "55-64": 0.16,
        "65-74": 0.13,
        "75+": 0.11,
    },
    "opleiding": {"laag": 0.30, "middelbaar": 0.38, "hoog": 0.32},
    "migratieachtergrond": {"geen": 0.74, "westers": 0.10, "niet-westers": 0.16},
    "wijk": {"Centrum": 0.22, "Noord": 0.21, "Oost": 0.18, "Zuid": 0.23, "West": 0.16},
    "houding": {"voor": 0.35, "neutraal": 0.40, "tegen": 0.25},
    "woonsituatie": {"alleen": 0.38, "samen": 0.29, "met kinderen": 0.33},
}

# Relative response propensity per value (1 = average).
_PROPENSITY: dict[str, dict[str, float]] = {
    "leeftijd": {
        "16-24": 0.45,
        "25-34": 0.7,
        "35-44": 0.85,
        "45-54": 1.0,
        "55-64": 1.3,
        "65-74": 1.6,
        "75+": 1.1,
    },
    "opleiding": {"laag": 0.55, "middelbaar": 0.9, "hoog": 1.6},
    "migratieachtergrond": {"geen": 1.1, "westers": 0.9, "niet-westers": 0.6},
    "houding": {"voor": 1.6, "neutraal": 0.9, "tegen": 0.7},
}


@dataclass(frozen=True)
class SyntheticInstance:
    pool: Pool
    quotas: tuple[Quota, ...]
    panel_size: int
    population_shares: dict[str, dict[str, float]]


def synthetic_pool(respondents: int, *, seed: int = 2026) -> Pool:
    """`respondents` people with the seven features and a household id."""
    rng = np.random.Generator(np.random.PCG64(seed))
    features = list(POPULATION_SHARES)
    people: list[Person] = []
    # Accept/reject against the most eager profile keeps acceptance probabilities <= 1.
    max_prop = math.prod(max(values.values()) for values in _PROPENSITY.values())
    household = 0
    while len(people) < respondents:
        draw = {}
        propensity = 1.0
        for f in features:
            values = list(POPULATION_SHARES[f])
            shares = np.array([POPULATION_SHARES[f][v] for v in values])
            v = values[int(rng.choice(len(values), p=shares / shares.sum()))]
            draw[f] = v
            propensity *= _PROPENSITY.get(f, {}).get(v, 1.0)
        if rng.random() * max_prop > propensity:
            continue
        household += 1
        pid = f"R{len(people) + 1:05d}"
        people.append(Person(pid, draw, f"H{household:05d}"))
        # Sometimes a housemate responds too: same district and household situation.
        if len(people) < respondents and draw["woonsituatie"] != "alleen" and rng.random() < 0.15:
            mate = dict(draw)
            mate["geslacht"] = "man" if draw["geslacht"] == "vrouw" else "vrouw"
            mate["houding"] = ["voor", "neutraal", "tegen"][int(rng.integers(3))]
            people.append(Person(f"R{len(people) + 1:05d}", mate, f"H{household:05d}"))
    return Pool(tuple(people))


def synthetic_instance(
    respondents: int, panel_size: int, *, seed: int = 2026, tolerance: float = 0.03
) -> SyntheticInstance:
    """A pool plus quotas proposed from the population shares for `panel_size` seats."""
    pool = synthetic_pool(respondents, seed=seed)
    quotas = propose_quotas(
        POPULATION_SHARES,
        panel_size,
        tolerance=tolerance,
        available=count_values(pool, list(POPULATION_SHARES)),
    )
    return SyntheticInstance(pool, quotas, panel_size, POPULATION_SHARES)


def pool_to_csv(pool: Pool, *, id_column: str = "id", household_column: str = "huishouden") -> str:
    features = list(pool.people[0].features) if pool.people else []
    lines = [",".join([id_column, *features, household_column])]
    for p in pool.people:
        lines.append(",".join([p.id, *(p.features[f] for f in features), p.household or ""]))
    return "\n".join(lines) + "\n"


def quotas_to_csv(quotas: tuple[Quota, ...]) -> str:
    lines = ["feature,value,min,max"]
    lines += [f"{q.feature},{q.value},{q.min},{q.max}" for q in quotas]
    return "\n".join(lines) + "\n"
