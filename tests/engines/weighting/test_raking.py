"""Raking: margins met, weights within the trimming bounds, clear errors; the figures."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voorop.engines.weighting import (
    EmptyCellError,
    Margin,
    Trimming,
    WeightingError,
    design_effect,
    effective_sample_size,
    margin_of_error,
    rake,
)

FEATURES = {
    "leeftijd": ["18-34", "35-64", "65+"],
    "geslacht": ["v", "m"],
    "wijk": ["N", "O", "Z", "W"],
}


@st.composite
def panels(draw):
    """A panel in which every combination of values occurs (so the margins can be met), with
    a skew towards some values as real panels have, and population margins."""
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    people = [
        dict(zip(FEATURES, combo, strict=True))
        for combo in np.array(np.meshgrid(*FEATURES.values())).T.reshape(-1, len(FEATURES))
    ]
    extra = draw(st.integers(0, 400))
    for _ in range(extra):
        people.append(
            {
                f: str(rng.choice(v, p=rng.dirichlet(np.ones(len(v)) * 3)))
                for f, v in FEATURES.items()
            }
        )
    margins = [
        Margin(f, dict(zip(v, rng.dirichlet(np.ones(len(v)) * 4) + 0.05, strict=True)))
        for f, v in FEATURES.items()
    ]
    return people, margins


@settings(max_examples=40, deadline=None)
@given(panels())
def test_margins_are_met_after_raking(panel):
    people, margins = panel
    result = rake(people, margins, trimming=None)
    assert result.converged
    w = np.array(result.weights)
    assert w.mean() == pytest.approx(1.0)
    for margin in margins:
        for value, share in margin.shares.items():
            got = w[[p[margin.feature] == value for p in people]].sum() / w.sum()
            assert got == pytest.approx(share, abs=1e-6)
            assert result.weighted_shares[margin.feature][value] == pytest.approx(got)
    assert result.design_effect == pytest.approx(len(w) * (w**2).sum() / w.sum() ** 2)
    assert result.effective_sample_size == pytest.approx(len(w) / result.design_effect)


@settings(max_examples=40, deadline=None)
@given(panels(), st.floats(0.05, 0.9), st.floats(1.1, 8.0))
def test_weights_stay_within_the_trimming_bounds(panel, lower, upper):
    people, margins = panel
    result = rake(people, margins, trimming=Trimming(lower, upper))
    w = np.array(result.weights)
    assert w.min() >= lower * (1 - 1e-9)
    assert w.max() <= upper * (1 + 1e-9)
    assert w.mean() == pytest.approx(1.0)
    if result.converged:
        assert result.max_margin_error <= 1e-6


@settings(max_examples=25, deadline=None)
@given(panels(), st.sampled_from(list(FEATURES)), st.data())
def test_an_empty_margin_cell_is_a_clear_error(panel, feature, data):
    people, margins = panel
    value = data.draw(st.sampled_from(FEATURES[feature]))
    others = [v for v in FEATURES[feature] if v != value]
    people = [p if p[feature] != value else {**p, feature: others[0]} for p in people]
    with pytest.raises(EmptyCellError) as info:
        rake(people, margins)
    assert info.value.feature == feature and info.value.value == value
    assert f"no respondent has {feature} = {value!r}" in str(info.value)


def test_a_value_with_no_population_share_may_be_empty():
    people = [{"g": "v"}, {"g": "m"}, {"g": "m"}]
    result = rake(people, [Margin("g", {"v": 0.5, "m": 0.5, "x": 0.0})])
    assert result.weights == pytest.approx((1.5, 0.75, 0.75))


@pytest.mark.parametrize(
    ("people", "margins", "message"),
    [
        ([], [Margin("g", {"v": 1})], "no respondents"),
        ([{"g": "v"}], [Margin("g", {"m": 1})], "which the population margin does not have"),
        ([{"h": "v"}], [Margin("g", {"v": 1})], "respondent 1 has no value for 'g'"),
        ([{"g": "v"}], [Margin("g", {"v": 1}), Margin("g", {"v": 1})], "two margins"),
    ],
)
def test_bad_input_is_named(people, margins, message):
    with pytest.raises(WeightingError, match=message):
        rake(people, margins)


def test_bad_margins_and_bounds_are_refused():
    with pytest.raises(WeightingError, match="at least 0"):
        Margin("g", {"v": -0.1, "m": 1})
    with pytest.raises(WeightingError, match="add up to 0"):
        Margin("g", {"v": 0})
    with pytest.raises(WeightingError, match="no categories"):
        Margin("g", {})
    with pytest.raises(WeightingError, match="trimming bounds"):
        Trimming(1.5, 2)
    with pytest.raises(WeightingError, match="base weights"):
        rake([{"g": "v"}], [Margin("g", {"v": 1})], base_weights=[0.0])


def test_margins_are_normalised():
    assert Margin("g", {"v": 51, "m": 49}).shares == {"v": 0.51, "m": 0.49}


def test_design_effect_and_effective_sample_size():
    assert design_effect([1, 1, 1, 1]) == 1.0
    assert effective_sample_size([1, 1, 1, 1]) == 4.0
    assert design_effect([2, 2, 1, 1]) == pytest.approx(4 * 10 / 36)
    assert effective_sample_size([2, 2, 1, 1]) == pytest.approx(36 / 10)
    with pytest.raises(WeightingError):
        design_effect([])


def test_margin_of_error():
    # The classic 3.1 points for 1,000 respondents at 50 %.
    assert margin_of_error(0.5, 1000) == pytest.approx(1.959964 * math.sqrt(0.25 / 1000), rel=1e-6)
    assert margin_of_error(0.5, 1000, confidence=0.9) == pytest.approx(
        1.644854 * math.sqrt(0.25 / 1000), rel=1e-6
    )
    # The finite population correction shrinks it; a census has none.
    assert margin_of_error(0.5, 1000, population=2000) < margin_of_error(0.5, 1000)
    assert margin_of_error(0.5, 1000, population=1000) == 0.0
    with pytest.raises(WeightingError):
        margin_of_error(1.5, 100)
    with pytest.raises(WeightingError):
        margin_of_error(0.5, 0)


def test_impossible_bounds_end_within_bounds_and_say_so():
    people = [{"g": "v"}] * 10 + [{"g": "m"}] * 90
    result = rake(people, [Margin("g", {"v": 0.5, "m": 0.5})], trimming=Trimming(0.5, 2.0))
    assert not result.converged
    assert max(result.weights) <= 2.0 + 1e-9 and min(result.weights) >= 0.5 - 1e-9
    assert result.max_margin_error > 0.2
