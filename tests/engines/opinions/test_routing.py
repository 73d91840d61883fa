"""Which statement comes next: unseen only, weighted by Pol.is's priorities, seeded."""

from __future__ import annotations

from collections import Counter

import pytest

from voorop.engines.opinions import Moderation, Statement, compute_map, next_statement
from voorop.engines.opinions.stats import priority

from .conftest import two_camps


def test_priority_matches_polis_formula():
    # Pol.is's importance (1 - pass share) * (extremity + 1) * agree share, times the novelty
    # boost 1 + 8 * 2^(-seen / 5), squared; meta statements 7^2.
    assert priority(1, 0, 1, 0, meta=False) == pytest.approx(
        ((1 - 1 / 3) * 1 * (2 / 3) * (1 + 8 * 2 ** (-1 / 5))) ** 2
    )
    assert priority(20, 3, 20, 0, meta=False) == pytest.approx(
        ((1 - 4 / 22) * 1 * (21 / 22) * (1 + 8 * 2 ** (-4))) ** 2
    )
    assert priority(0, 0, 0, 0, meta=True) == 49.0
    assert priority(0, 0, 0, 2, meta=False) > priority(0, 0, 0, 0, meta=False)


def test_only_unseen_statements_and_none_when_all_seen():
    statements = [Statement(f"s{j}") for j in range(5)]
    seen = {"s0", "s1", "s3"}
    picks = {next_statement(statements, seen, seed=k) for k in range(50)}
    assert picks == {"s2", "s4"}
    assert next_statement(statements, {s.id for s in statements}, seed=1) is None


def test_moderated_statements_are_never_shown():
    statements = [Statement("ok"), Statement("weg", moderation=Moderation.REJECTED)]
    assert {next_statement(statements, set(), seed=k) for k in range(30)} == {"ok"}


def test_the_same_seed_gives_the_same_statement():
    opinion_map = compute_map(two_camps())
    statements = [Statement(s) for s in opinion_map.state.statements]
    first = [
        next_statement(statements, set(), opinion_map=opinion_map, seed=f"p:{k}") for k in range(20)
    ]
    again = [
        next_statement(statements, set(), opinion_map=opinion_map, seed=f"p:{k}") for k in range(20)
    ]
    assert first == again


def test_statements_that_divide_come_up_more_often_than_consensus():
    opinion_map = compute_map(two_camps(noise=0.0))
    statements = [Statement(s) for s in opinion_map.state.statements]
    counts = Counter(
        next_statement(statements, set(), opinion_map=opinion_map, seed=k) for k in range(3000)
    )
    divisive = sum(counts[f"s{j}"] for j in range(11)) / 11
    assert counts["s11"] < divisive
    # A new statement (no votes yet) gets the boost of novelty.
    fresh = [*statements, Statement("new")]
    counts = Counter(
        next_statement(fresh, set(), opinion_map=opinion_map, seed=k) for k in range(3000)
    )
    assert counts["new"] > counts["s11"]


def test_choose_statement_from_kept_weights():
    from voorop.engines.opinions import choose_statement

    weights = {"a": 1.0, "b": 0.0, "c": 5.0}
    first = choose_statement(weights, {"a"}, seed="p1:1")
    assert first == choose_statement(weights, {"a"}, seed="p1:1")
    assert first == "c"  # "b" has weight 0 while another unseen one has weight
    assert choose_statement(weights, {"a", "b", "c"}, seed="x") is None
