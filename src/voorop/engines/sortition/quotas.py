"""Proposing quotas from population shares, and the canonical digest of an instance."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from .model import Pool, PoolError, Quota, normalise_value


def propose_quotas(
    shares: Mapping[str, Mapping[str, float]],
    panel_size: int,
    *,
    tolerance: float = 0.02,
    available: Mapping[str, Mapping[str, int]] | None = None,
) -> tuple[Quota, ...]:
    """Min/max per feature value around the proportional number of seats.

    For a value with population share s (shares are normalised per feature), target
    t = s * panel_size; min = floor(t - tolerance * panel_size), max = ceil(t + tolerance *
    panel_size), clipped to [0, panel_size]. tolerance is a fraction of the panel size
    (0.02 = 2% of the seats either side; 0 gives floor/ceil of the target).

    Consistent by construction: per feature the minimums add up to at most the panel size and
    the maximums to at least it. With `available` (people in the pool per value), a minimum
    is lowered to what the pool offers, and a PoolError is raised if a feature's values
    cannot fill the panel even then.
    """
    if panel_size < 1:
        raise PoolError("The panel size must be at least 1.")
    if tolerance < 0:
        raise PoolError("The tolerance must not be negative.")
    slack = tolerance * panel_size
    quotas: list[Quota] = []
    for feature, values in shares.items():
        total = math.fsum(values.values())
        if total <= 0 or any(v < 0 for v in values.values()):
            raise PoolError(f"{feature}: the shares must be >= 0 and not all zero.")
        reachable = 0
        for value, share in values.items():
            target = share / total * panel_size
            # Rounding guard: 14.000000000001 must not become 15.
            low = max(0, math.floor(round(target - slack, 9)))
            high = min(panel_size, math.ceil(round(target + slack, 9)))
            if available is not None:
                have = _lookup(available, feature, value)
                low = min(low, have)
                reachable += min(high, have)
            quotas.append(Quota(feature=feature, value=value, min=low, max=high))
        if available is not None and reachable < panel_size:
            raise PoolError(
                f"{feature}: within these maximums the pool offers only {reachable} people "
                f"for {panel_size} seats; raise the tolerance or recruit more respondents."
            )
    return tuple(quotas)


def _lookup(table: Mapping[str, Mapping[str, int]], feature: str, value: str) -> int:
    for f, values in table.items():
        if normalise_value(f) == normalise_value(feature):
            for v, count in values.items():
                if normalise_value(v) == normalise_value(value):
                    return int(count)
    return 0


def count_values(pool: Pool, features: Sequence[str]) -> dict[str, dict[str, int]]:
    """People per feature value in the pool (values as first seen)."""
    out: dict[str, dict[str, int]] = {f: {} for f in features}
    for person in pool.people:
        cols = {normalise_value(k): v for k, v in person.features.items()}
        for f in features:
            v = cols.get(normalise_value(f))
            if v is not None:
                out[f][v] = out[f].get(v, 0) + 1
    return out


def pool_digest(pool: Pool, quotas: Sequence[Quota], *, panel_size: int | None = None) -> str:
    """SHA-256 (hex) of a canonical serialisation of pool and quotas.

    Canonical form: JSON (sorted keys, no whitespace, UTF-8) of
    {"format": "voorop-sortition-pool/1", "panel_size": k or null,
     "quotas": [[feature, value, min, max], ...] sorted,
     "people": [[id, [[feature, value], ...], household or null], ...] sorted by id}
    with feature names and values normalised (whitespace collapsed, case-folded) and only
    the features that have quotas: the digest changes exactly when the selection could.
    """
    features = sorted({normalise_value(q.feature) for q in quotas})
    people: list[list[Any]] = []
    for person in pool.people:
        cols = {normalise_value(k): v for k, v in person.features.items()}
        people.append(
            [
                person.id,
                [[f, normalise_value(cols.get(f, ""))] for f in features],
                person.household,
            ]
        )
    people.sort(key=lambda p: p[0])
    data = {
        "format": "voorop-sortition-pool/1",
        "panel_size": panel_size,
        "quotas": sorted(
            [normalise_value(q.feature), normalise_value(q.value), q.min, q.max] for q in quotas
        ),
        "people": people,
    }
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
