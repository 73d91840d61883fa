"""The first stage of an assembly: which addresses get an invitation letter.

A public, reproducible draw, stratified by area (decision 0007):

  * letters per area in proportion to its number of addresses, by largest remainder; equal
    remainders go to the area first in alphabetical order;
  * within an area the address ids are sorted, shuffled (Fisher–Yates) with
    ``SeedStream(seed, "invitations/<area>")`` (see ``draw`` for the seed derivation) and the
    first n are drawn.

Anyone with the address extract and the published seed gets the same addresses; the order in
which the addresses are given does not matter.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from .draw import SeedStream


def allocate_by_area(counts: Mapping[str, int], total: int) -> dict[str, int]:
    """Largest-remainder allocation of `total` letters over areas in proportion to their
    number of addresses (`counts`); ties go to the area first in alphabetical order. With
    `total` at least the number of addresses, every address gets a letter."""
    addresses = sum(counts.values())
    if total >= addresses:
        return dict(counts)
    quotas = {area: total * n / addresses for area, n in counts.items()}
    out = {area: min(counts[area], math.floor(q)) for area, q in quotas.items()}
    left = total - sum(out.values())
    order = sorted(counts, key=lambda a: (-(quotas[a] - math.floor(quotas[a])), a))
    while left > 0:
        for area in order:
            if left == 0:
                break
            if out[area] < counts[area]:
                out[area] += 1
                left -= 1
    return out


def draw_addresses(addresses: Iterable[tuple[str, str]], count: int, seed: str) -> list[str]:
    """The ids of `count` addresses drawn from `addresses` (pairs of address id and area),
    stratified by area with `seed` (see the module doc), in sorted order."""
    by_area: dict[str, list[str]] = {}
    for address_id, area in addresses:
        by_area.setdefault(area, []).append(address_id)
    allocation = allocate_by_area({a: len(ids) for a, ids in by_area.items()}, count)
    chosen: list[str] = []
    for area in sorted(by_area):
        ids = sorted(by_area[area])
        SeedStream(seed, f"invitations/{area}").shuffle(ids)
        chosen.extend(ids[: allocation[area]])
    return sorted(chosen)
