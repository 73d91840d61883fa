"""Medians per group (area, age band): a median only from five plans up."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voorop.engines.savings import MIN_PLANS, Option, medians_by_group

OPTIONS = (
    Option("bieb", "cultuur", 100, lowest=-3, highest=1),
    Option("minima", "sociaal", 100, lowest=-2, highest=2, untouchable=True),
)


def test_median_and_count_per_group_and_too_few_plans():
    plans = [("Noord", {"bieb": level}) for level in (-3, -2, -2, -1, 0)]
    plans += [("Zuid", {"bieb": -1}), ("Zuid", {"bieb": 1})]
    plans += [("", {"bieb": 0})] * 6  # plans without an area are a group too ("unknown")
    figures = medians_by_group(OPTIONS, plans)
    assert list(figures) == ["", "Noord", "Zuid"]
    noord = figures["Noord"]["bieb"]
    assert (noord.plans, noord.median, noord.too_few) == (5, -2, False)
    zuid = figures["Zuid"]["bieb"]
    assert (zuid.plans, zuid.median, zuid.too_few) == (2, None, True)
    assert figures[""]["bieb"].median == 0
    assert figures["Noord"]["minima"].median == 0  # untouchable: always no change


def test_an_even_count_takes_the_middle_of_the_two_and_a_missing_level_is_no_change():
    plans = [("65+", {"bieb": level}) for level in (-3, -3, -1, 0, 0)] + [("65+", {})]
    figure = medians_by_group(OPTIONS, plans)["65+"]["bieb"]
    assert (figure.plans, figure.median) == (6, -0.5)


def test_the_minimum_can_be_set_but_not_below_one():
    plans = [("Noord", {"bieb": -1})] * 2
    assert medians_by_group(OPTIONS, plans, min_plans=2)["Noord"]["bieb"].median == -1
    with pytest.raises(ValueError):
        medians_by_group(OPTIONS, plans, min_plans=0)
    assert medians_by_group(OPTIONS, []) == {}


@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B", ""]), st.integers(min_value=-3, max_value=1)),
        max_size=40,
    )
)
def test_every_shown_median_is_the_median_of_at_least_five_plans(rows):
    figures = medians_by_group(OPTIONS, [(group, {"bieb": level}) for group, level in rows])
    for group, per_option in figures.items():
        levels = [level for g, level in rows if g == group]
        figure = per_option["bieb"]
        assert figure.plans == len(levels)
        if len(levels) < MIN_PLANS:
            assert figure.median is None
        else:
            assert figure.median == statistics.median(levels)
