"""The oracle's comparison of two leximin vectors, tolerant of a reference solved only to tol."""

from __future__ import annotations

from .helpers import lexicographically_no_worse

TOL = 5e-4


def test_equal_vectors_and_a_higher_minimum_are_no_worse():
    assert lexicographically_no_worse([0.1, 0.2, 0.3], [0.1, 0.2, 0.3], TOL)
    assert lexicographically_no_worse([0.11, 0.2, 0.29], [0.1, 0.2, 0.3], TOL)


def test_a_lower_level_is_worse():
    assert not lexicographically_no_worse([0.09, 0.2, 0.31], [0.1, 0.2, 0.3], TOL)
    # The same minimum, a lower second level.
    assert not lexicographically_no_worse([0.1, 0.19, 0.31], [0.1, 0.2, 0.3], TOL)


def test_many_decreases_within_tol_traded_for_one_increase_is_no_improvement():
    ours = [0.125] * 8 + [0.125, 0.3]
    theirs = [0.12493] * 8 + [0.12607, 0.3 - 0.00051]
    assert lexicographically_no_worse(ours, theirs, TOL)


def test_the_first_entry_more_than_tol_higher_decides_after_a_traded_one():
    # CI, 2026-12-07 (sa_fixtures), in short: the library's one higher entry at 0.125, then
    # ours higher on eighteen entries at 0.157, then lower further up.
    ours = [0.125] * 9 + [0.157895] * 18 + [0.166667] * 10
    theirs = [0.12493] * 8 + [0.12607] + [0.157144] * 18 + [0.168734] * 10
    assert lexicographically_no_worse(ours, theirs, TOL)


def test_a_lead_made_of_differences_within_tol_does_not_hide_a_lower_level():
    # Review: ours ahead in sum by eight small differences, then a second level far lower.
    theirs = [0.12493] * 8 + [0.12607] + [0.157144] * 18 + [0.2] * 10
    assert not lexicographically_no_worse([0.125] * 9 + [0.14] * 18 + [0.2] * 10, theirs, TOL)
    assert not lexicographically_no_worse([0.125] * 37, theirs, TOL)
    assert not lexicographically_no_worse([0.1003, 0.1003, 0.11, 0.11], [0.1, 0.1, 0.2, 0.2], TOL)
    # Behind by more than tol before ahead: worse, whatever follows.
    assert not lexicographically_no_worse([0.124] * 8 + [0.13, 0.2], [0.125] * 9 + [0.2], TOL)
