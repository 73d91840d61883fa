"""Pool and quotas turned into index arrays, the form every algorithm works on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .model import Pool, PoolError, Quota, normalise_value


@dataclass(frozen=True)
class Compiled:
    ids: tuple[str, ...]
    panel_size: int
    features: tuple[str, ...]
    quotas: tuple[Quota, ...]
    quota_feature: np.ndarray
    """Feature index of each quota."""
    lower: np.ndarray
    upper: np.ndarray
    agent_quota: np.ndarray
    """(n, F): the quota index each agent counts towards, per feature."""
    households: tuple[np.ndarray, ...]
    """Groups of agent indices that share a household (only groups of two or more)."""

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def n_quotas(self) -> int:
        return len(self.quotas)

    def members(self, q: int) -> np.ndarray:
        f = self.quota_feature[q]
        return np.flatnonzero(self.agent_quota[:, f] == q)

    def counts(self, panel: np.ndarray) -> np.ndarray:
        """Panel members per quota, for a panel given as agent indices."""
        return np.bincount(self.agent_quota[panel].ravel(), minlength=self.n_quotas)

    def meets_quotas(self, panel: np.ndarray) -> bool:
        c = self.counts(panel)
        return len(panel) == self.panel_size and bool(np.all((c >= self.lower) & (c <= self.upper)))

    def household_of(self) -> np.ndarray:
        """Per agent, the index of its shared household in `households`, or -1."""
        index = np.full(self.n, -1, dtype=np.int64)
        for g, group in enumerate(self.households):
            index[group] = g
        return index

    def profile_keys(self) -> np.ndarray:
        """An integer per agent that is equal exactly for agents with the same feature values."""
        _, inverse = np.unique(self.agent_quota, axis=0, return_inverse=True)
        return inverse.ravel()


def compile_problem(
    pool: Pool, quotas: Sequence[Quota], panel_size: int, *, households: bool = False
) -> Compiled:
    if panel_size < 1:
        raise PoolError("The panel size must be at least 1.")
    if not quotas:
        raise PoolError("There are no quotas.")
    features: list[str] = []
    index: dict[tuple[str, str], int] = {}
    feature_key: dict[str, int] = {}
    for q, quota in enumerate(quotas):
        fkey = normalise_value(quota.feature)
        if fkey not in feature_key:
            feature_key[fkey] = len(features)
            features.append(quota.feature)
        key = (fkey, normalise_value(quota.value))
        if key in index:
            raise PoolError(f"Quota {quota.feature}={quota.value} is listed twice.")
        index[key] = q
    n_features = len(features)
    agent_quota = np.empty((len(pool.people), n_features), dtype=np.int64)
    problems: list[str] = []
    for a, person in enumerate(pool.people):
        columns = {normalise_value(k): v for k, v in person.features.items()}
        for fkey, f in feature_key.items():
            if fkey not in columns:
                raise PoolError(f"Person {person.id!r} has no value for feature {features[f]!r}.")
            found = index.get((fkey, normalise_value(columns[fkey])))
            if found is None:
                if len(problems) < 5:
                    problems.append(f"{person.id!r} has {features[f]}={columns[fkey]!r}")
                found = -1
            agent_quota[a, f] = found
    if problems:
        raise PoolError(
            "Some people have feature values without a quota row: " + "; ".join(problems)
        )
    groups: dict[str, list[int]] = {}
    if households:
        for a, person in enumerate(pool.people):
            if person.household is not None and person.household.strip():
                groups.setdefault(normalise_value(person.household), []).append(a)
    return Compiled(
        ids=pool.ids,
        panel_size=panel_size,
        features=tuple(features),
        quotas=tuple(quotas),
        quota_feature=np.array(
            [feature_key[normalise_value(q.feature)] for q in quotas], dtype=np.int64
        ),
        lower=np.array([q.min for q in quotas], dtype=np.int64),
        upper=np.array([q.max for q in quotas], dtype=np.int64),
        agent_quota=agent_quota,
        households=tuple(np.array(g, dtype=np.int64) for g in groups.values() if len(g) > 1),
    )
