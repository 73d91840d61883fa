"""Reading and writing pabulib files, including their quirks."""

from __future__ import annotations

from fractions import Fraction

import pytest

from voorop.engines.budgeting import Ballot, Election, PbFormatError, Project, read_pb, write_pb

SMALL = """META
key;value
description;"Test; with a semicolon"
num_projects;3
num_votes;4
budget;100
vote_type;approval
rule;greedy
min_length;1
max_length;2
min_project_score_threshold;2
PROJECTS
project_id;cost;votes;name
1;60;3;"Park; with benches"
2;50;2;Playground
3;"10,5";1;Trees
VOTES
voter_id;vote;age
a;1,2;30
b;1;
c;1, 2;44
d;3;50
"""


def test_reads_meta_projects_and_votes():
    e = read_pb(SMALL, name="small.pb")
    assert e.budget == 100
    assert e.ballot_type == "approval"
    assert (e.min_length, e.max_length) == (1, 2)
    assert e.meta_dict["rule"] == "greedy"
    assert e.meta_dict["description"] == "Test; with a semicolon"
    assert [p.id for p in e.projects] == ["1", "2", "3"]
    assert e.projects[0].name == "Park; with benches"
    assert e.projects[2].cost == Fraction(21, 2)  # decimal comma
    assert e.projects[0].get("votes") == "3"
    assert [b.projects for b in e.ballots] == [("1", "2"), ("1",), ("1", "2"), ("3",)]
    assert e.ballots[0].voter_id == "a"
    assert dict(e.ballots[0].meta) == {"age": "30"}


def test_bom_and_crlf(tmp_path):
    path = tmp_path / "bom.pb"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.replace("\n", "\r\n").encode("utf-8"))
    e = read_pb(path)
    assert e.source == "bom.pb"
    assert [b.projects for b in e.ballots] == [("1", "2"), ("1",), ("1", "2"), ("3",)]
    assert read_pb(SMALL) == e


def test_mixed_line_ends_and_blank_lines():
    text = SMALL.replace("PROJECTS\n", "\r\nPROJECTS\r\n").replace("d;3;50\n", "\nd;3;50\r\n\n")
    assert read_pb(text).ballots == read_pb(SMALL).ballots


def test_missing_optional_columns():
    text = (
        "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\nx;4\ny;5\nVOTES\nvote\nx,y\n\ny\n"
    )
    e = read_pb(text)
    assert e.ballot_type == "approval"
    assert [p.name for p in e.projects] == ["", ""]
    assert [b.projects for b in e.ballots] == [("x", "y"), ("y",)]
    assert e.ballots[0].voter_id == ""


def test_cumulative_points():
    text = (
        "META\nkey;value\nbudget;10\nvote_type;cumulative\nmax_sum_points;5\n"
        "PROJECTS\nproject_id;cost;score\nx;4;7\ny;5;3\n"
        "VOTES\nvoter_id;vote;points\n1;x,y;3,2\n2;x;4\n"
    )
    e = read_pb(text)
    assert e.ballots[0].points == (3, 2)
    assert e.max_sum_points == 5


def test_ordinal_and_scoring_do_not_crash():
    for kind in ("ordinal", "scoring"):
        pts = ";points" if kind == "scoring" else ""
        row1 = "1;y,x" + (";2,1" if kind == "scoring" else "")
        text = (
            f"META\nkey;value\nbudget;10\nvote_type;{kind}\nPROJECTS\nproject_id;cost\nx;4\ny;5\n"
            f"VOTES\nvoter_id;vote{pts}\n{row1}\n"
        )
        e = read_pb(text)
        assert e.ballots[0].projects == ("y", "x")


def test_quoted_field_spanning_lines_in_votes():
    text = SMALL.replace("b;1;\n", 'b;1;"3\n0"\n')
    e = read_pb(text)
    assert dict(e.ballots[1].meta) == {"age": "3\n0"}
    assert e.ballots[3].projects == ("3",)


@pytest.mark.parametrize(
    ("broken", "line", "message"),
    [
        (SMALL.replace("b;1;\n", "b;7;\n"), 20, "unknown project '7'"),
        (SMALL.replace("2;50;2;Playground", "2;fifty;2;Playground"), 15, "not a number"),
        (SMALL.replace("2;50;2;Playground", "2;50;2;Play;ground"), 15, "5 fields"),
        (SMALL.replace("d;3;50", "d;3;50;extra"), 22, "4 fields"),
        (SMALL.replace('3;"10,5";1;Trees', "1;10;1;Trees"), 16, "listed twice, with different"),
        (SMALL.replace("b;1;\n", "b;1,7;\n"), 20, "unknown project '7'"),
        (SMALL.replace("budget;100", "budget;100\nBudget;200"), 7, "appears twice, with different"),
        (SMALL.replace("rule;greedy", "rule;greedy;mes"), 8, "3 fields, expected 2"),
        ("budget;10\n" + SMALL, 1, "before the first"),
        (SMALL.replace("PROJECTS\nproject_id;cost", "PROJECTS\nproject_id;price"), 13, "cost"),
    ],
)
def test_malformed_lines_name_the_line(broken, line, message):
    with pytest.raises(PbFormatError) as info:
        read_pb(broken, name="Poland_X.pb")
    assert info.value.line == line
    assert str(info.value).startswith(f"Poland_X.pb:{line}: ")
    assert message in str(info.value)


def test_points_count_mismatch():
    text = (
        "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\nx;4\ny;5\n"
        "VOTES\nvoter_id;vote;points\n1;x,y;3\n"
    )
    with pytest.raises(PbFormatError, match=r"^c\.pb:11: 2 projects but 1 points"):
        read_pb(text, name="c.pb")


def test_missing_budget():
    with pytest.raises(PbFormatError, match="lacks 'budget'"):
        read_pb("META\nkey;value\nPROJECTS\nproject_id;cost\nx;1\nVOTES\nvote\nx\n")


def test_write_then_read_round_trip():
    e = read_pb(SMALL)
    text = write_pb(e, selected=["1", "3"])
    again = read_pb(text)
    assert again.projects[0].name == "Park; with benches"
    assert [p.get("selected") for p in again.projects] == ["1", "0", "1"]
    assert again.ballots == e.ballots
    assert again.budget == e.budget
    assert again.meta_dict["description"] == "Test; with a semicolon"


def test_write_built_election():
    e = Election(
        projects=(Project("a", 3), Project("b", Fraction(5, 2), "B")),
        ballots=(Ballot(("a", "b"), (Fraction(1), Fraction(2))), Ballot(("b",), (Fraction(3),))),
        budget=5,
        ballot_type="cumulative",
    )
    again = read_pb(write_pb(e))
    assert again.projects == e.projects
    assert [(b.projects, b.points) for b in again.ballots] == [
        (b.projects, b.points) for b in e.ballots
    ]


def test_voter_data_false_shares_ballots():
    e = read_pb(SMALL, voter_data=False)
    assert e.ballots[0] is e.ballots[2] or e.ballots[0] == e.ballots[2]
    assert e.ballots[0].voter_id == ""


def test_write_keeps_amounts_exact():
    from voorop.engines.budgeting import ballots_digest

    e = Election(
        projects=(Project("a", Fraction(1, 3)), Project("b", Fraction(12345, 100))),
        ballots=(Ballot(("a", "b")),),
        budget=Fraction(1000001, 10),
    )
    again = read_pb(write_pb(e))
    assert [p.cost for p in again.projects] == [Fraction(1, 3), Fraction(12345, 100)]
    assert again.budget == e.budget
    assert ballots_digest(again) == ballots_digest(e)
