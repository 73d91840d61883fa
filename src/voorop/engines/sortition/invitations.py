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


def allocate_by_weight(
    weights: Mapping[str, float], available: Mapping[str, int], total: int
) -> dict[str, int]:
    """Largest-remainder allocation of `total` letters over areas in proportion to their
    `weights` (e.g. how many members an area lacks), never more than an area's `available`
    addresses: what an area cannot take goes to the others by the same rule. Areas with
    weight 0 get nothing unless the others run out. Ties go to the area first in order."""
    out = dict.fromkeys(available, 0)
    left = min(total, sum(available.values()))
    active = {a for a in available if weights.get(a, 0) > 0 and available[a] > 0}
    while left > 0:
        if not active:
            active = {a for a in available if out[a] < available[a]}
            weights = dict.fromkeys(active, 1.0)
        mass = sum(weights[a] for a in active)
        quotas = {a: left * weights[a] / mass for a in active}
        room = {a: available[a] - out[a] for a in active}
        given = {a: min(room[a], math.floor(q)) for a, q in quotas.items()}
        rest = left - sum(given.values())
        for area in sorted(active, key=lambda a: (-(quotas[a] - math.floor(quotas[a])), a)):
            if rest == 0:
                break
            if given[area] < room[area]:
                given[area] += 1
                rest -= 1
        for area, n in given.items():
            out[area] += n
            left -= n
        active = {a for a in active if out[a] < available[a]}
        if not any(given.values()):
            active = set()
    return out


def draw_allocated(
    addresses: Iterable[tuple[str, str]], allocation: Mapping[str, int], seed: str
) -> list[str]:
    """The ids of addresses drawn per area as `allocation` says (areas left out get none),
    shuffled per area with `seed` as `draw_addresses` does, in sorted order."""
    by_area: dict[str, list[str]] = {}
    for address_id, area in addresses:
        by_area.setdefault(area, []).append(address_id)
    chosen: list[str] = []
    for area in sorted(by_area):
        ids = sorted(by_area[area])
        SeedStream(seed, f"invitations/{area}").shuffle(ids)
        chosen.extend(ids[: allocation.get(area, 0)])
    return sorted(chosen)
