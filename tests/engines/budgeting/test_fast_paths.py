"""The command line's fast paths give exactly what the public API gives.

- ``read_pb_distinct`` (the distinct votes and their counts, no Ballot objects) against
  ``read_pb``: same votes and counts, same errors with the same line numbers;
- ``rules._compute`` on those votes against ``compute`` on the election: the same outcome,
  ballots digest included;
- the plain-Python Equal Shares (``_mes_plain``, used for a single run) against the numpy one
  (``_mes``, used by the add1 completion): the same projects in the same order.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from voorop.engines.budgeting import PbFormatError, compute, read_pb
from voorop.engines.budgeting._mes import run_mes
from voorop.engines.budgeting.pabulib import read_pb_distinct
from voorop.engines.budgeting.rules import _compute, _Prepared

from .conftest import data_files, data_path
from .test_pabulib import SMALL

HEAD = "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\nx;4\ny;5\nz;1\nVOTES\n"


def distinct_votes(election, votes=None) -> list:
    """(project indices, points, voters) per distinct vote, sorted; and per project, the
    same of its supporters (which the reader may have gathered itself)."""
    prep = _Prepared(election, votes)
    rows = list(zip(prep.unit_projects, prep.unit_points, prep.unit_weights, strict=True))
    for j, units in enumerate(prep.supporters):
        assert units == sorted(units)
        assert all(j in prep.unit_projects[u] for u in units)
        assert sum(j in projects for projects in prep.unit_projects) == len(units)
    return sorted(rows, key=repr)


def assert_same_reading(text: str, name: str = "t.pb") -> bool:
    """read_pb_distinct agrees with read_pb, warnings included; returns whether it took the
    fast path."""
    full = read_pb(text, name=name, voter_data=False)
    head, votes = read_pb_distinct(text, name=name)
    assert head.warnings == full.warnings == read_pb(text, name=name).warnings
    if votes is None:
        assert head == full
    else:
        assert head.ballots == ()
        assert head.projects == full.projects
        assert (head.budget, head.ballot_type, head.meta) == (
            full.budget,
            full.ballot_type,
            full.meta,
        )
    assert distinct_votes(head, votes) == distinct_votes(full)
    for rule in ("greedy", "mes"):
        assert _compute(head, votes, rule).to_json_dict() == compute(full, rule).to_json_dict()
    return votes is not None


@pytest.mark.parametrize(
    ("body", "fast"),
    [
        ("voter_id;vote\n1;x,y\n2;y\n3;x,y\n4;z,x\n", True),
        ("voter_id;vote\n1;x,y\n2;y\n3;x,y\n\n\n", True),  # blank lines at the end only
        ("vote;voter_id\nx,y;1\ny;2\nx,y;3\n", True),  # the vote first
        ("vote\nx,y\ny\nx,y\n", True),  # the vote alone
        ("voter_id;vote;age\n1;x,y;3\n2;y;4\n", True),
        ("voter_id;vote\n1;x,y\n2;\n3;x,y\n", True),  # an empty vote
        ("voter_id;vote;age\n1;x,y;3\n2;y\n", False),  # a missing optional column
        ("voter_id;vote\n1;x,y\n\n2;y\n", False),  # a blank line inside
        ("voter_id;vote\n1;x,y\n   \n2;y\n", False),  # a line of spaces
        ("vote\nx,y\n\ny\n", False),
        ("voter_id;vote\n1;x, y\n2;y\n3;x,y\n", True),  # spaces: "x, y" is "x,y"
        ("voter_id;vote\n1;x,,y\n2;none\n3;NONE\n4;y,\n", True),
        ("voter_id;vote\r\n1;x,y\r\n2;y\r\n", True),
        ("voter_id;vote\n1;x,y\n2;y", True),  # no line end at the end
        # odd but readable, with warnings
        ("voter_id;vote\n1;x,y,x\n2;y\n3;x,y,x\n", True),  # a project twice in a vote
        ("voter_id;vote\n1;x,y\n1;y\n2;x\n", True),  # a voter id used twice
        ("vote;voter_id\nx,y;1\ny;1\nx;2\n", True),  # the same, ids in the last column
        ("voter_id;vote\n 1;x\n1 ;y\n", True),  # the same, with spaces
        ("voter_id;vote\n;x\n;y\n", True),  # empty voter ids are not repeats
        ("voter_id;vote\n1;x,y;\n2;y;\n", False),  # empty trailing fields
        ("voter_id;vote\n1;x,y\n2;y\n;\n", True),  # a line of separators: an empty vote
    ],
)
def test_reading_distinct_votes(body, fast):
    assert assert_same_reading(HEAD + body) == fast


def test_reading_distinct_votes_with_points():
    text = (
        "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\nx;4\ny;5\n"
        "VOTES\nvoter_id;vote;points\n1;x,y;3,2\n2;x;4\n3;x,y;3,2\n4;x, y;3, 2\n5;y,x;1,1\n"
    )
    assert assert_same_reading(text)
    _, votes = read_pb_distinct(text)
    # "x,y" with "3,2" and "x, y" with "3, 2" are one vote, cast three times.
    assert sorted(votes[2]) == [1, 1, 3]


def test_reading_distinct_votes_of_small():
    assert assert_same_reading(SMALL)  # quoted fields before VOTES, none in it
    assert not assert_same_reading(SMALL.replace("b;1;\n", 'b;1;"3"\n'))


@pytest.mark.parametrize(
    "body",
    [
        "voter_id;vote\n1;x,y\n2;w\n3;x\n",  # unknown project
        "voter_id;vote\n1;x,y\n2;x,x,w\n3;x\n",  # a repeat, then an unknown project
        "voter_id;vote\n1;x,y\n2;y;7\n3;x\n",  # too many fields
        "voter_id;vote\n1;x,y\n2;y,w,x\n2;y,w,x\n",
    ],
)
def test_errors_name_the_same_line(body):
    text = HEAD + body
    with pytest.raises(PbFormatError) as full:
        read_pb(text, name="e.pb", voter_data=False)
    with pytest.raises(PbFormatError) as fast:
        read_pb_distinct(text, name="e.pb")
    assert str(fast.value) == str(full.value)


def run_both_mes(election, tie: str):
    prep = _Prepared(election)
    utilities = "points" if prep.with_points else "cost"
    eligible = [True] * prep.m
    tie_key = prep.tie_keys(tie, "0")
    b0 = election.budget / prep.n_voters
    plain, _ = prep.run_plain_mes(utilities, eligible, tie_key, b0)
    numpy = run_mes(prep.mes_problem(utilities, eligible, tie_key), b0)
    return plain, numpy


@pytest.mark.parametrize("name", data_files())
def test_data_files(name):
    path = data_path(name)
    full = read_pb(path, voter_data=False)
    head, votes = read_pb_distinct(path)
    assert distinct_votes(head, votes) == distinct_votes(full)
    for rule, tie in [("mes", "id"), ("mes", "cost-votes"), ("greedy", "id")]:
        ours = _compute(head, votes, rule, tie_breaking=tie).to_json_dict()
        assert ours == compute(full, rule, tie_breaking=tie).to_json_dict()
    for tie in ("id", "cost-votes"):
        plain, numpy = run_both_mes(full, tie)
        assert plain.selected == numpy.selected
        for j, money in plain.supporters_money.items():
            assert money == pytest.approx(numpy.supporters_money[j], rel=1e-9, abs=1e-6)


def test_plain_mes_exact_tie():
    """Two projects with exactly the same price: decided in exact arithmetic, by id."""
    from voorop.engines.budgeting import Ballot, Election, Project

    e = Election(
        (Project("b", 3), Project("a", 3), Project("c", Fraction(7, 3))),
        (Ballot(("a",)), Ballot(("b",)), Ballot(("a", "b", "c")), Ballot(("c",))),
        6,
    )
    plain, numpy = run_both_mes(e, "id")
    assert plain.spent_exact
    assert plain.selected == numpy.selected
    assert compute(e, "mes").selection_order[0] == "a"


def test_plain_mes_money_exactly_the_cost():
    """After the first funding the supporters of "2" have exactly its cost: in floats the
    sum may fall short by a rounding error, or all of them look poor. Found by hypothesis:
    the price must come from exact arithmetic (1.9, below the 2 of "1"), as pabutools'."""
    from voorop.engines.budgeting import Ballot, Election, Project

    five = ("10", "11", "a", "1", "2")
    e = Election(
        tuple(
            Project(i, c)
            for i, c in [("1", 4), ("2", 15), ("9", 1), ("10", 4), ("11", 10), ("a", 4)]
        ),
        (
            Ballot(("2", "10", "11"), (2, 1, 1)),
            Ballot(five, (1, 1, 1, 1, 2)),
            Ballot(five, (1, 1, 1, 1, 2)),
            Ballot(("10", "2"), (1, 2)),
            Ballot(("11", "2"), (1, 2)),
        ),
        19,
        ballot_type="cumulative",
    )
    plain, numpy = run_both_mes(e, "id")
    assert plain.selected == numpy.selected == [3, 1]
    assert compute(e, "mes").selection_order == ("10", "2")
    assert compute(e, "mes", completion="add1").selection_order[:2] == ("10", "2")
