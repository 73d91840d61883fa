"""Weighted results per question type."""

from __future__ import annotations

import math

import pytest

from voorop.engines.weighting import (
    WeightingError,
    multiple_choice,
    points_allocation,
    ranking,
    scale,
    single_choice,
)


def test_single_choice_weighted_beside_unweighted():
    answers = ["ja", "ja", "nee", None, "nee", "nee"]
    weights = [2.0, 2.0, 1.0, 5.0, 1.0, 1.0]
    result = single_choice(answers, ["ja", "nee", "weet niet"], weights, min_cell=2)
    ja, nee, unsure = result.options
    assert result.answered == 5
    assert ja.count == 2 and ja.share.weighted == pytest.approx(4 / 7)
    assert ja.share.unweighted == pytest.approx(2 / 5)
    assert nee.share.weighted == pytest.approx(3 / 7)
    assert unsure.count == 0 and unsure.suppressed and not ja.suppressed
    n_eff = 7**2 / (4 + 4 + 1 + 1 + 1)
    assert result.effective_sample_size == pytest.approx(n_eff)
    assert ja.share.margin_of_error == pytest.approx(
        1.959964 * math.sqrt((4 / 7) * (3 / 7) / n_eff), rel=1e-6
    )


def test_unweighted_when_no_weights():
    result = single_choice(["a", "b", "b", "b"], ["a", "b"])
    assert [o.share.weighted for o in result.options] == [0.25, 0.75]
    assert [o.share.unweighted for o in result.options] == [0.25, 0.75]


def test_multiple_choice_shares_per_option():
    answers = [{"fiets", "bus"}, {"auto"}, set(), None]
    result = multiple_choice(answers, ["fiets", "bus", "auto"], [1, 3, 1, 1], min_cell=0)
    shares = {o.option: o.share.weighted for o in result.options}
    assert shares == pytest.approx({"fiets": 0.2, "bus": 0.2, "auto": 0.6})
    assert result.answered == 3


def test_scale_mean_and_distribution():
    result = scale([1, 5, 5, None, 3], [1, 2, 3, 4, 5], [1, 1, 2, 1, 0], min_cell=0)
    assert result.mean.weighted == pytest.approx((1 + 5 + 10 + 0) / 4)
    assert result.mean.unweighted == pytest.approx(14 / 4)
    assert [o.count for o in result.distribution] == [1, 0, 1, 0, 2]
    assert result.mean.margin_of_error > 0


def test_ranking_borda_points():
    answers = [["a", "b", "c"], ["b", "a"], ["c"]]
    result = ranking(answers, ["a", "b", "c"])
    assert result.scores["a"].weighted == pytest.approx((3 + 2 + 0) / 3)
    assert result.scores["b"].weighted == pytest.approx((2 + 3 + 0) / 3)
    assert result.scores["c"].weighted == pytest.approx((1 + 0 + 3) / 3)


def test_points_allocation_means():
    answers = [{"park": 60, "weg": 40}, {"park": 100}, None]
    result = points_allocation(answers, ["park", "weg", "plein"], [1, 3, 1], budget=100)
    assert result.scores["park"].weighted == pytest.approx((60 + 300) / 4)
    assert result.scores["weg"].unweighted == pytest.approx(20)
    assert result.scores["plein"].weighted == 0


def test_nobody_answered():
    result = single_choice([None, None], ["a"])
    assert result.answered == 0 and result.options[0].suppressed
    assert math.isnan(result.options[0].share.weighted)
    assert math.isnan(scale([None], [1, 2]).mean.weighted)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: single_choice(["x"], ["a"]), "'x' is not one of the options"),
        (lambda: multiple_choice([{"x"}], ["a"]), "not among the options"),
        (lambda: scale([7], [1, 2, 3]), "not a point of the scale"),
        (lambda: ranking([["a", "a"]], ["a"]), "ranked twice"),
        (lambda: ranking([["x"]], ["a"]), "'x' is not one of the options"),
        (lambda: points_allocation([{"a": 200}], ["a"], budget=100), "more than 100 points"),
        (lambda: points_allocation([{"a": -1}], ["a"]), "at least 0"),
        (lambda: single_choice(["a"], ["a"], [1, 2]), "one number of at least 0 per answer"),
    ],
)
def test_bad_answers_are_named(call, message):
    with pytest.raises(WeightingError, match=message):
        call()
