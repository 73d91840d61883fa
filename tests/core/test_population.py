"""The one make-up computation: a group's shares beside the population's, the gaps, and how
many people a group lacks; the population file."""

import pytest

from voorop.core import population

FEATURES = [{"name": "Leeftijd", "values": ["jong", "oud"]}]


def test_makeup_with_gaps_and_shortfall():
    (rows,) = population.makeup(
        FEATURES,
        {("Leeftijd", "jong"): 10, ("Leeftijd", "oud"): 90},
        {("Leeftijd", "jong"): 300, ("Leeftijd", "oud"): 700},
    )
    young, old = rows
    assert young.share == 10 and young.population_share == 30
    assert young.gap == "under" and old.gap == "over"
    # (10 + x) / (100 + x) = 0.3  ->  x = 28.6
    assert young.shortfall == 29
    assert old.shortfall == 0


def test_close_enough_is_no_gap_and_missing_figures_are_unknown():
    (rows,) = population.makeup(
        FEATURES,
        {("Leeftijd", "jong"): 28, ("Leeftijd", "oud"): 72},
        {("Leeftijd", "jong"): 30, ("Leeftijd", "oud"): 70},
    )
    assert [r.gap for r in rows] == ["", ""]
    (rows,) = population.makeup(FEATURES, {("Leeftijd", "jong"): 1}, {("Leeftijd", "jong"): 30})
    assert rows[0].population_share is None and rows[0].gap == ""


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("kenmerk;waarde;aantal\nLeeftijd;Jong;1.200\n", True),
        ("kenmerk,waarde,aantal\nLeeftijd,kind,3\n", False),
        ("kenmerk;waarde;min;max\nLeeftijd;jong;1;2\n", False),
    ],
)
def test_population_file(text, ok):
    result = population.read_population(text.encode(), FEATURES)
    assert (not result.errors) is ok
    if ok:
        assert result.rows == [{"feature": "Leeftijd", "value": "jong", "population": 1200}]
