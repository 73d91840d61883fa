"""The public API the web app uses: outcomes, reasons, tie-breaking, digest."""

from __future__ import annotations

from fractions import Fraction

import pytest

from voorop.engines import budgeting
from voorop.engines.budgeting import (
    ENGINE_VERSION,
    Ballot,
    Election,
    Project,
    RuleError,
    ballots_digest,
    compute,
)


def election(costs, votes, budget, points=None, kind="approval"):
    projects = tuple(Project(pid, cost) for pid, cost in costs.items())
    ballots = tuple(
        Ballot(tuple(v), tuple(points[i]) if points else None) for i, v in enumerate(votes)
    )
    return Election(projects, ballots, budget, ballot_type=kind)


def test_public_names():
    for name in budgeting.__all__:
        assert hasattr(budgeting, name)


def test_outcome_fields_and_reasons():
    e = election({"a": 50, "b": 40, "c": 30, "z": 5}, [["a", "b"], ["a"], ["a", "c"], ["b"]], 100)
    out = compute(e, "greedy", min_votes=1)
    assert out.selected == ("a", "b")
    assert out.total_cost == 90
    assert out.engine_version == ENGINE_VERSION
    assert out.rule == "greedy"
    assert out.votes == {"a": 3, "b": 2, "c": 1, "z": 0}
    reasons = {u.project_id: (u.reason, dict(u.data)) for u in out.unfunded}
    assert reasons["c"] == ("over_budget", {"cost": 30, "remaining": 10})
    assert reasons["z"] == ("below_min_votes", {"votes": 0, "min_votes": 1})
    assert out.ballots_digest == ballots_digest(e)


def test_mes_not_enough_support():
    # One voter for c cannot pay for it with a quarter of the budget.
    e = election({"a": 60, "c": 60}, [["a"], ["a"], ["a"], ["c"]], 120)
    out = compute(e, "mes")
    assert out.selected == ("a",)
    (u,) = out.unfunded
    assert u.reason == "not_enough_support"
    assert u.data["supporters"] == 1
    assert u.data["supporters_money"] == 30


def test_mes_add1_and_greedy_completion():
    e = election({"a": 60, "c": 60}, [["a"], ["a"], ["a"], ["c"]], 120)
    assert compute(e, "mes", completion="add1").selected == ("a", "c")
    out = compute(e, "mes", completion="add1-greedy")
    assert out.rule == "mes/add1-greedy"
    assert out.selected == ("a", "c")


def test_tie_breaking_id_compares_text():
    # Equal votes: "10" comes before "9" as text, like pabutools.
    e = election({"9": 5, "10": 5}, [["9", "10"]], 5)
    assert compute(e, "greedy").selected == ("10",)
    assert compute(e, "mes").selected == ("10",)


def test_tie_breaking_cost_votes():
    e = election({"x": 5, "y": 4, "w": 4}, [["x", "y", "w"], ["y"]], 5)
    # greedy: y has most votes; then x and w tie on votes, w is cheaper.
    assert compute(e, "greedy", tie_breaking="cost-votes").selection_order == ("y",)
    e2 = election({"x": 5, "y": 4, "w": 4}, [["x", "y", "w"]], 4)
    picks = {compute(e2, "greedy", tie_breaking="cost-votes", seed=s).selected for s in range(20)}
    assert picks == {("y",), ("w",)}  # a fair lot between the two cheapest
    assert compute(e2, "greedy", tie_breaking="cost-votes", seed=3) == compute(
        e2, "greedy", tie_breaking="cost-votes", seed=3
    )


def test_digest_ignores_order_and_voter_data():
    a = election({"a": 1, "b": 2}, [["a"], ["b", "a"]], 3)
    b = Election(
        tuple(reversed(a.projects)),
        (Ballot(("b", "a"), voter_id="x", meta={"age": "3"}), Ballot(("a",))),
        3,
    )
    assert ballots_digest(a) == ballots_digest(b)
    c = election({"a": 1, "b": 2}, [["a"], ["a", "b"]], 3)
    assert ballots_digest(c) != ballots_digest(a)
    assert len(ballots_digest(a)) == 64


def test_cumulative_points_as_utilities():
    e = election(
        {"a": 10, "b": 10}, [["a", "b"], ["b"]], 10, points=[[3, 1], [1]], kind="cumulative"
    )
    out = compute(e, "greedy")
    assert out.votes == {"a": 3, "b": 2}
    assert out.selected == ("a",)
    assert compute(e, "mes").details["utilities"] == "points"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"rule": "borda"},
        {"rule": "greedy", "completion": "add1"},
        {"tie_breaking": "coin"},
        {"completion": "add2"},
    ],
)
def test_rule_errors(kwargs):
    e = election({"a": 1}, [["a"]], 1)
    with pytest.raises(RuleError):
        compute(e, **kwargs)


def test_no_voters_and_zero_budget():
    e = election({"a": 1}, [], 10)
    assert compute(e, "mes", completion="add1").selected == ()
    assert compute(e, "phragmen").selected == ("a",)  # as pabutools: it fits, nobody objects
    e0 = election({"a": 1}, [["a"]], 0)
    assert compute(e0, "mes", completion="add1-greedy").selected == ()


def test_fraction_costs():
    e = election({"a": Fraction(1, 3), "b": Fraction(2, 3)}, [["a"], ["b"]], 1)
    assert compute(e, "greedy").total_cost == 1
    # Each voter has 1/2: enough for a (1/3), not for b (2/3).
    assert compute(e, "mes").total_cost == Fraction(1, 3)


def test_engine_does_not_import_django():
    import subprocess
    import sys

    code = (
        "import sys, voorop.engines.budgeting as b; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_unknown_project_in_ballot():
    e = Election((Project("a", 1),), (Ballot(("a", "b")),), 1)
    with pytest.raises(RuleError, match="'b'"):
        compute(e, "greedy")


@pytest.mark.parametrize("kind", ["ordinal", "scoring", "choose-1", "knapsack"])
def test_other_ballot_types_compute(kind):
    points = [[2, 1], [3]] if kind == "scoring" else None
    e = election({"a": 3, "b": 3}, [["b", "a"], ["a"]], 4, points=points, kind=kind)
    for rule in ("greedy", "greedy-no-skip", "mes", "phragmen"):
        out = compute(e, rule)
        assert out.total_cost <= 4
    assert compute(e, "mes", completion="add1-greedy").selected == ("a",)


def test_value_classes_behave_as_frozen_dataclasses():
    """Immutable, compared and hashed by value, picklable, matchable; ``source`` and the
    cached vote counts are left out of ``==``."""
    import copy
    import pickle

    e = election({"a": 3, "b": "2,5"}, [["a"], ["a", "b"]], 5)
    same = Election(
        projects=(Project("a", 3), Project("b", Fraction(5, 2))),
        ballots=(Ballot(("a",)), Ballot(["a", "b"])),
        budget="5",
        source="elsewhere.pb",
    )
    assert e == same and hash(e) == hash(same)
    compute(e, "mes")  # fills in the vote counts cache: still equal
    assert e == same and hash(e) == hash(same)
    assert e != Election(e.projects, e.ballots, 6)
    assert repr(e.projects[1]) == "Project(id='b', cost=Fraction(5, 2), name='', meta=())"
    for value in (e, e.projects[0], e.ballots[1], compute(e, "greedy")):
        assert pickle.loads(pickle.dumps(value)) == value  # noqa: S301 - our own bytes
        assert copy.deepcopy(value) == value
    with pytest.raises(AttributeError):
        e.projects[0].cost = 1
    with pytest.raises(AttributeError):
        del e.budget
    match e.ballots[1]:
        case Ballot(projects, points):
            assert (projects, points) == (("a", "b"), None)
    assert compute(e, "mes").unfunded[0] == budgeting.Unfunded(
        "b", "not_enough_support", {"cost": 2.5, "supporters": 1, "supporters_money": 1.0}
    )
    with pytest.raises(ValueError, match="negative cost"):
        Project("x", -1)
    with pytest.raises(ValueError, match="2 points for 1 projects"):
        Ballot(("a",), (1, 2))
