"""Generated elections (hypothesis): winners equal pabutools', the budget is respected."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voorop.engines.budgeting import Ballot, Election, Project, compute, read_pb, write_pb
from voorop.engines.budgeting.pabulib import read_pb_distinct
from voorop.engines.budgeting.rules import _compute

from . import oracle
from .test_fast_paths import run_both_mes

# Ids that sort differently as text and as numbers, to pin pabutools' order.
IDS = ["1", "2", "9", "10", "11", "a", "B"]


@st.composite
def elections(draw, cumulative: bool = False):
    m = draw(st.integers(1, 6))
    ids = draw(st.permutations(IDS))[:m]
    # Few distinct costs and votes, so that ties are frequent.
    costs = [draw(st.sampled_from([1, 2, 3, 4, 6, 10, 15])) for _ in ids]
    budget = draw(st.integers(0, sum(costs) + 2))
    n = draw(st.integers(0, 9))
    ballots = []
    for _ in range(n):
        # pabutools cannot read an empty cumulative ballot (empty points); we can.
        vote = draw(
            st.lists(st.sampled_from(ids), unique=True, min_size=int(cumulative), max_size=m)
        )
        points = tuple(draw(st.integers(1, 3)) for _ in vote) if cumulative else None
        ballots.append(Ballot(tuple(vote), points))
    return Election(
        tuple(Project(i, c) for i, c in zip(ids, costs, strict=True)),
        tuple(ballots),
        budget,
        ballot_type="cumulative" if cumulative else "approval",
    )


COMMON = settings(
    # More with e.g. VOOROP_HYPOTHESIS_EXAMPLES=3000 for a deeper search.
    max_examples=int(os.environ.get("VOOROP_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def check(election: Election, rule: str, completion: str, tie: str, min_votes=None):
    # Through the writer, so pabutools reads exactly what we computed on.
    text = write_pb(election)
    ours = compute(
        read_pb(text), rule, completion=completion, tie_breaking=tie, min_votes=min_votes
    )
    instance, profile = oracle.load(text, is_text=True)
    theirs = oracle.run(instance, profile, rule, completion, tie, min_votes=min_votes)
    assert sorted(ours.selected) == theirs
    assert ours.total_cost <= election.budget
    # The command line's reading (distinct votes, no ballots) gives the same outcome.
    head, votes = read_pb_distinct(text)
    cli = _compute(head, votes, rule, completion=completion, tie_breaking=tie, min_votes=min_votes)
    assert cli.to_json_dict() == ours.to_json_dict()
    if rule == "mes" and election.ballots:
        # The plain single run and the numpy one (which add1 uses) agree, order included.
        plain, numpy = run_both_mes(election, tie)
        assert plain.selected == numpy.selected


@COMMON
@given(
    elections(),
    st.sampled_from(["greedy", "greedy-no-skip", "phragmen", "mes"]),
    st.sampled_from(["id", "cost-votes"]),
)
def test_approval_rules(election, rule, tie):
    check(election, rule, "none", tie)


@COMMON
@given(elections(), st.sampled_from(["add1", "add1-greedy"]), st.sampled_from(["id", "cost-votes"]))
def test_approval_add1(election, completion, tie):
    check(election, "mes", completion, tie)


@COMMON
@given(
    elections(cumulative=True),
    st.sampled_from(
        [("greedy", "none"), ("greedy-no-skip", "none"), ("mes", "none"), ("mes", "add1")]
    ),
    st.sampled_from(["id", "cost-votes"]),
)
def test_cumulative_rules(election, rule_completion, tie):
    check(election, *rule_completion, tie)


@COMMON
@given(elections(), st.integers(0, 4), st.sampled_from(["greedy", "mes"]))
def test_min_votes(election, min_votes, rule):
    check(election, rule, "none", "id", min_votes=min_votes)
