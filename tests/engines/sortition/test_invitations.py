"""The invitation draw: which addresses get a letter (stratified by area, seeded)."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from voorop.engines.sortition import allocate_by_area, draw_addresses


def test_invitation_draw_is_stratified_and_reproducible():
    counts = {"A": 50, "B": 30, "C": 20}
    assert allocate_by_area(counts, 10) == {"A": 5, "B": 3, "C": 2}
    addresses = [(f"{area}{i:03d}", area) for area, n in counts.items() for i in range(n)]
    first = draw_addresses(addresses, 10, "zaad")
    assert first == draw_addresses(list(reversed(addresses)), 10, "zaad")
    assert first != draw_addresses(addresses, 10, "ander zaad")
    assert sum(a.startswith("A") for a in first) == 5


def test_invitation_draw_is_pinned():
    """A known draw, fixed before the algorithm moved: the same seed and address list must
    give exactly these addresses in every version, or published draws can no longer be
    redone. Covers the largest-remainder ties (four areas at .934) and the shuffle."""
    areas = ("Centrum", "De Beemden", "Dorpen", "Lindewaard-Noord", "Oosterpark")
    addresses = [(f"0300{n:06d}", areas[n * 7 % 11 % 5]) for n in range(1, 1001)]
    counts = {area: sum(a == area for _id, a in addresses) for area in areas}
    assert allocate_by_area(counts, 137) == {
        "Centrum": 37,
        "De Beemden": 25,
        "Dorpen": 25,
        "Lindewaard-Noord": 25,
        "Oosterpark": 25,
    }
    assert allocate_by_area({"Zuid": 7, "Oost": 7, "Noord": 7}, 10) == {
        "Zuid": 3,
        "Oost": 3,
        "Noord": 4,
    }
    drawn = draw_addresses(addresses, 137, "lindewaard-2026")
    assert len(drawn) == 137
    assert drawn[:6] == [
        "0300000003",
        "0300000006",
        "0300000014",
        "0300000022",
        "0300000023",
        "0300000033",
    ]
    assert hashlib.sha256(" ".join(drawn).encode()).hexdigest() == (
        "150652fe452d99f927334e9413e2cdf98b83d2af68b15e974dcbfd3fd6e8eb34"
    )
    small = [
        (f"{area}{i:03d}", area)
        for area, n in {"A": 50, "B": 30, "C": 20}.items()
        for i in range(n)
    ]
    assert draw_addresses(small, 10, "zaad") == [
        "A010",
        "A028",
        "A032",
        "A040",
        "A046",
        "B015",
        "B026",
        "B027",
        "C007",
        "C009",
    ]


def test_every_address_is_drawn_when_the_count_covers_them():
    addresses = [("b2", "Zuid"), ("a1", "Noord"), ("c3", "Noord")]
    assert allocate_by_area({"Noord": 2, "Zuid": 1}, 5) == {"Noord": 2, "Zuid": 1}
    assert draw_addresses(addresses, 3, "x") == ["a1", "b2", "c3"]


def test_areas_have_their_own_stream():
    """Adding an area leaves the order within the others as it was: each area shuffles with
    its own purpose "invitations/<area>"."""
    noord = [(f"N{i:02d}", "Noord") for i in range(20)]
    zuid = [(f"Z{i:02d}", "Zuid") for i in range(20)]
    alone = draw_addresses(noord, 5, "zaad")
    together = draw_addresses(noord + zuid, 10, "zaad")
    assert [a for a in together if a.startswith("N")] == alone


@given(
    counts=st.dictionaries(
        st.text("abcdefgh", min_size=1, max_size=3), st.integers(0, 40), min_size=1, max_size=6
    ),
    total=st.integers(0, 250),
)
def test_allocation_is_proportional_and_complete(counts, total):
    allocation = allocate_by_area(counts, total)
    addresses = sum(counts.values())
    assert sum(allocation.values()) == min(total, addresses)
    for area, n in counts.items():
        assert 0 <= allocation[area] <= n
        if total < addresses:
            # Largest remainder: never more than one letter from the exact share.
            assert abs(allocation[area] - total * n / addresses) < 1
