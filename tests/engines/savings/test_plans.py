"""The savings engine: frames checked with explanations, figures per option, and a consensus
plan that respects every frame."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voorop.engines.savings import (
    Dialogue,
    Option,
    SavingsError,
    Table,
    aggregate,
    check_plan,
    quantile,
)

EURO = 100


def zeist() -> Dialogue:
    return Dialogue(
        tables=(
            Table("sociaal", 1000 * EURO, minimum=950 * EURO),
            Table("cultuur", 300 * EURO, minimum=200 * EURO, maximum=320 * EURO),
        ),
        options=(
            Option("minima", "sociaal", 10 * EURO, lowest=-3, highest=2, untouchable=True),
            Option("jeugd", "sociaal", 20 * EURO, lowest=-3, highest=1),
            Option("bieb", "cultuur", 30 * EURO, lowest=-4, highest=1),
            Option("museum", "cultuur", 25 * EURO, lowest=-2, highest=0),
        ),
        target_change=-80 * EURO,
    )


def test_a_plan_within_the_frames_is_ok():
    check = check_plan(zeist(), {"jeugd": -2, "bieb": -1, "museum": -1})
    assert check.ok
    assert check.total_change == -95 * EURO
    assert check.table_amounts == {"sociaal": 960 * EURO, "cultuur": 245 * EURO}


def test_every_breach_is_explained():
    check = check_plan(zeist(), {"minima": -1, "jeugd": -3, "bieb": 1})
    kinds = {(b.kind, b.key) for b in check.breaches}
    assert ("untouchable", "minima") in kinds
    assert ("table_minimum", "sociaal") in kinds
    assert ("table_maximum", "cultuur") in kinds
    assert ("target", "") in kinds
    assert not check.ok
    assert all(b.message for b in check.breaches)
    minimum = next(b for b in check.breaches if b.kind == "table_minimum")
    assert minimum.amount == 930 * EURO and minimum.limit == 950 * EURO


def test_a_level_outside_the_range_is_a_breach_and_an_unknown_option_an_error():
    assert next(b.kind for b in check_plan(zeist(), {"museum": 1}).breaches) == "level"
    with pytest.raises(SavingsError):
        check_plan(zeist(), {"zwembad": -1})


def test_quartiles_interpolate_linearly():
    assert quantile([1, 2, 3, 4], 0.5) == 2.5
    assert quantile([1, 2, 3, 4], 0.25) == 1.75
    assert quantile([-2], 0.75) == -2


def test_figures_per_option_and_consensus_from_medians():
    plans = [
        {"jeugd": -2, "bieb": -1, "museum": -1},
        {"jeugd": -1, "bieb": -2, "museum": -1},
        {"jeugd": -2, "bieb": -2, "museum": 0},
    ]
    result = aggregate(zeist(), plans)
    jeugd = next(s for s in result.options if s.key == "jeugd")
    assert jeugd.counts == {-3: 0, -2: 2, -1: 1, 0: 0, 1: 0}
    assert jeugd.median == -2
    assert jeugd.q1 == -2 and jeugd.q3 == -1.5
    assert result.consensus == {"minima": 0, "jeugd": -2, "bieb": -2, "museum": -1}
    assert result.consensus_method == "medians"
    assert result.consensus_check is not None and result.consensus_check.ok


def test_consensus_is_repaired_when_the_medians_miss_the_target():
    dialogue = Dialogue(
        tables=(Table("a", 100 * EURO), Table("b", 100 * EURO)),
        options=(
            Option("x", "a", 10 * EURO, lowest=-3),
            Option("y", "b", 10 * EURO, lowest=-3),
        ),
        target_change=-30 * EURO,
    )
    plans = [{"x": -3}, {"y": -3}, {"x": -2, "y": -1}]
    result = aggregate(dialogue, plans)
    # medians x -2, y -1 already save 30: exactly on target
    assert result.consensus == {"x": -2, "y": -1}
    plans = [{"x": -3}, {"y": -3}]
    result = aggregate(dialogue, plans)
    # medians -1.5 round towards no change: -1 and -1 save 20; one more step is needed
    assert result.consensus_method == "repaired"
    assert result.consensus_check is not None and result.consensus_check.ok
    assert result.consensus is not None and sum(result.consensus.values()) == -3


def test_no_plans_no_consensus_and_a_breaking_plan_is_refused():
    assert aggregate(zeist(), []).consensus is None
    with pytest.raises(SavingsError):
        aggregate(zeist(), [{"minima": -1}])


@st.composite
def dialogues_and_plans(draw):
    options = []
    tables = []
    for t in range(draw(st.integers(1, 3))):
        current = draw(st.integers(0, 200)) * EURO
        key = f"t{t}"
        for o in range(draw(st.integers(1, 3))):
            options.append(
                Option(
                    f"{key}o{o}",
                    key,
                    draw(st.integers(1, 40)) * EURO,
                    lowest=-draw(st.integers(0, 4)),
                    highest=draw(st.integers(0, 3)),
                    untouchable=draw(st.booleans()),
                )
            )
        tables.append((key, current))
    # a base plan that the frames are drawn around, so at least one plan respects them
    base = {o.key: 0 if o.untouchable else draw(st.integers(o.lowest, o.highest)) for o in options}
    free = Dialogue(tuple(Table(k, c) for k, c in tables), tuple(options), 10**9)
    figures = check_plan(free, base)
    framed = []
    for key, current in tables:
        amount = figures.table_amounts[key]
        low = draw(st.one_of(st.none(), st.integers(0, 40)))
        high = draw(st.one_of(st.none(), st.integers(0, 40)))
        framed.append(
            Table(
                key,
                current,
                minimum=None if low is None else amount - low * EURO,
                maximum=None if high is None else amount + high * EURO,
            )
        )
    target = figures.total_change + draw(st.integers(0, 40)) * EURO
    dialogue = Dialogue(tuple(framed), tuple(options), target)
    # other plans near the base plan: many respect the frames, their medians often do not
    others = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    o.key: st.integers(-1, 1).map(
                        lambda d, o=o: min(o.highest, max(o.lowest, base[o.key] + d))
                    )
                    for o in options
                }
            ),
            max_size=25,
        )
    )
    return dialogue, [base, *others]


@settings(max_examples=300, deadline=None)
@given(dialogues_and_plans())
def test_accepted_plans_and_the_consensus_respect_every_frame(case):
    dialogue, plans = case
    accepted = [plan for plan in plans if check_plan(dialogue, plan).ok]
    for plan in accepted:
        check = check_plan(dialogue, plan)
        for option in dialogue.options:
            assert not option.untouchable or plan[option.key] == 0
        assert check.total_change <= dialogue.target_change
        for table in dialogue.tables:
            amount = check.table_amounts[table.key]
            assert table.minimum is None or amount >= table.minimum
            assert table.maximum is None or amount <= table.maximum
    result = aggregate(dialogue, accepted)
    assert result.consensus is not None
    assert check_plan(dialogue, result.consensus).ok
    for summary in result.options:
        assert summary.q1 <= summary.median <= summary.q3
        assert sum(summary.counts.values()) == len(accepted)
