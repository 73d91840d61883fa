"""Letters aimed at the gaps: allocation by weight, capped by the addresses left."""

from hypothesis import given
from hypothesis import strategies as st

from voorop.engines.sortition import allocate_by_weight, draw_allocated


def test_letters_go_where_members_are_missing():
    assert allocate_by_weight({"A": 0, "B": 10}, {"A": 50, "B": 50}, 20) == {"A": 0, "B": 20}
    assert allocate_by_weight({"A": 1, "B": 3}, {"A": 50, "B": 50}, 20) == {"A": 5, "B": 15}


def test_what_an_area_cannot_take_goes_to_the_others():
    assert allocate_by_weight({"A": 0, "B": 10}, {"A": 50, "B": 5}, 20) == {"A": 15, "B": 5}


@given(
    st.dictionaries(st.sampled_from("ABCDE"), st.integers(0, 30), min_size=1),
    st.dictionaries(st.sampled_from("ABCDE"), st.floats(0, 10), min_size=0),
    st.integers(0, 200),
)
def test_allocation_is_exact_and_within_the_addresses(available, weights, total):
    out = allocate_by_weight(weights, available, total)
    assert sum(out.values()) == min(total, sum(available.values()))
    assert all(0 <= out[a] <= available[a] for a in available)


def test_the_draw_is_reproducible():
    addresses = [(f"{area}{i}", area) for area in "AB" for i in range(10)]
    first = draw_allocated(addresses, {"A": 2, "B": 3}, "seed")
    assert first == draw_allocated(list(reversed(addresses)), {"A": 2, "B": 3}, "seed")
    assert sum(a.startswith("A") for a in first) == 2
