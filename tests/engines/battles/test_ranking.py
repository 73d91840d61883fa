"""Pitch battles: per-juror normalisation, conflicts of interest, ranking with a top 3."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voorop.engines.battles import BattleError, Criterion, normalise, rank

CRITERIA = (Criterion("idee", 2), Criterion("haalbaar", 1))


def test_a_harsh_juror_counts_as_much_as_a_kind_one():
    scores = {
        # kind: everyone high, but prefers B
        "kind": {e: {"idee": s, "haalbaar": s} for e, s in {"A": 8, "B": 10, "C": 9}.items()},
        # harsh: everyone low, prefers A
        "harsh": {e: {"idee": s, "haalbaar": s} for e, s in {"A": 3, "B": 1, "C": 2}.items()},
    }
    ranking = rank(["A", "B", "C"], CRITERIA, scores)
    # by raw means A = 5.5, B = 5.5, C = 5.5; normalised, each is 0: a tie in first place
    assert [e.rank for e in ranking.entries] == [1, 1, 1]
    assert ranking.raw_totals["kind"]["B"] == 10


def test_ranking_and_top_three_with_a_conflict_of_interest():
    scores = {
        "j1": {"A": {"idee": 9, "haalbaar": 6}, "B": {"idee": 5, "haalbaar": 5},
               "C": {"idee": 7, "haalbaar": 7}, "D": {"idee": 1, "haalbaar": 2}},
        # j2 declared a conflict for A: it does not score A
        "j2": {"B": {"idee": 4, "haalbaar": 4}, "C": {"idee": 8, "haalbaar": 8},
               "D": {"idee": 2, "haalbaar": 2}},
    }  # fmt: skip
    ranking = rank(["A", "B", "C", "D", "E"], CRITERIA, scores)
    order = [e.entry for e in ranking.entries]
    assert order[:4] == ["A", "C", "B", "D"]  # A: top of j1; C: second of j1, top of j2
    assert [e.entry for e in ranking.top()] == ["A", "C", "B"]
    a = next(e for e in ranking.entries if e.entry == "A")
    assert a.jurors == 1
    e = ranking.entries[-1]
    assert e.entry == "E" and e.rank is None and e.score is None


def test_a_juror_giving_the_same_to_everyone_adds_nothing():
    assert normalise({"A": 5.0, "B": 5.0}) == {"A": 0.0, "B": 0.0}


def test_errors_name_the_problem():
    with pytest.raises(BattleError, match="unknown entry"):
        rank(["A"], CRITERIA, {"j": {"Z": {"idee": 1, "haalbaar": 1}}})
    with pytest.raises(BattleError, match="haalbaar"):
        rank(["A"], CRITERIA, {"j": {"A": {"idee": 1}}})
    with pytest.raises(BattleError):
        Criterion("x", 0)


ENTRIES = ["A", "B", "C", "D", "E"]


@st.composite
def battles(draw):
    jurors = draw(st.integers(1, 5))
    scores = {}
    for j in range(jurors):
        scored = draw(st.lists(st.sampled_from(ENTRIES), unique=True, min_size=1))
        scores[f"j{j}"] = {e: {c.key: draw(st.integers(1, 10)) for c in CRITERIA} for e in scored}
    juror = draw(st.sampled_from(sorted(scores)))
    shift = draw(st.integers(-20, 20))
    scale = draw(st.sampled_from([0.5, 2, 3, 10]))
    return scores, juror, shift, scale


@settings(max_examples=300, deadline=None)
@given(battles())
def test_a_juror_shifting_or_scaling_all_scores_changes_nothing(case):
    scores, juror, shift, scale = case
    before = rank(ENTRIES, CRITERIA, scores)
    changed = dict(scores)
    changed[juror] = {
        e: {c: v * scale + shift for c, v in per.items()} for e, per in scores[juror].items()
    }
    after = rank(ENTRIES, CRITERIA, changed)
    assert [(e.entry, e.rank) for e in before.entries] == [(e.entry, e.rank) for e in after.entries]
    for b, a in zip(before.entries, after.entries, strict=True):
        assert (b.score is None) == (a.score is None)
        if b.score is not None and a.score is not None:
            assert a.score == pytest.approx(b.score, abs=1e-6)
