"""Reading and writing pabulib files, including their quirks."""

from __future__ import annotations

from fractions import Fraction

import pytest

from voorop.engines.budgeting import (
    WARNING_KINDS,
    Ballot,
    Election,
    PbFormatError,
    PbWarning,
    Project,
    read_pb,
    write_pb,
)

from .conftest import data_files, data_path

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


# Odd but readable: read as pabutools reads them, with one warning per kind.
APPROVAL = "META\nkey;value\nbudget;100\nvote_type;approval\n"
TWO = "PROJECTS\nproject_id;cost\n1;50\n2;30\n"


@pytest.mark.parametrize(
    ("text", "ballots", "warnings"),
    [
        (
            APPROVAL + TWO + "VOTES\nvoter_id;vote\n1;1,2,1\n2;2\n3;2,2\n",
            [("1", "2"), ("2",), ("2",)],
            [PbWarning("duplicate_in_vote", (11, 13), {"projects": ["1", "2"]})],
        ),
        (
            APPROVAL.replace("approval", "ordinal") + TWO + "VOTES\nvoter_id;vote\n1;2,1,2\n",
            [("2", "1")],  # the first position counts, as in pabutools
            [PbWarning("duplicate_in_vote", (11,), {"projects": ["2"]})],
        ),
        (
            APPROVAL + TWO + "VOTES\nvoter_id;vote\n1;\n2;none\n3;2\n4;NONE\n",
            [(), (), ("2",), ()],
            [PbWarning("empty_vote", (11, 12, 14))],
        ),
        (
            APPROVAL
            + "min_length;2\nmax_length;2\n"
            + TWO.replace("2;30", "2;30\n3;5")
            + "VOTES\nvoter_id;vote\n1;1\n2;1,2,3\n3;1,2\n",
            [("1",), ("1", "2", "3"), ("1", "2")],
            [
                PbWarning("vote_too_long", (15,), {"max_length": 2}),
                PbWarning("vote_too_short", (14,), {"min_length": 2}),
            ],
        ),
        (
            APPROVAL.replace("approval", "choose-1") + TWO + "VOTES\nvoter_id;vote\n1;1,2\n2;2\n",
            [("1", "2"), ("2",)],
            [PbWarning("vote_too_long", (11,), {"max_length": 1})],
        ),
        (
            APPROVAL + TWO + "VOTES\nvoter_id;vote\n7;1\n8;2\n7;2\n7;1\n",
            [("1",), ("2",), ("2",), ("1",)],
            [PbWarning("duplicate_voter_id", (13, 14))],
        ),
        (
            APPROVAL + "PROJECTS\nproject_id;cost;name\n1;50;Park\n2;30;Bank\n1;50;Park again\n"
            "VOTES\nvoter_id;vote\n1;1\n",
            [("1",)],
            [PbWarning("duplicate_project", (9,), {"projects": ["1"]})],
        ),
        (
            APPROVAL + "num_votes;3\nnum_projects;2\n" + TWO + "VOTES\nvoter_id;vote\n1;1\n",
            [("1",)],
            [PbWarning("num_votes_mismatch", (5,), {"stated": 3, "counted": 1})],
        ),
        (
            APPROVAL + "Language;pl\nLanguage;nl\nbudget;100\n" + TWO,
            [],
            [
                PbWarning("duplicate_meta_key", (6, 7), {"keys": ["Language", "budget"]}),
                PbWarning("no_votes"),
            ],
        ),
        (
            "META\nkey;value\nBUDGET;100\ndescription;Park; met bankjes;\n" + TWO + "VOTES\n"
            "Voter_ID;VOTE\n1;1\n",
            [("1",)],
            [
                PbWarning("meta_extra_fields", (4,), {"keys": ["description"]}),
                PbWarning("no_vote_type"),
            ],
        ),
        (
            APPROVAL + "PROJECTS\nnr;Cost;Name\n1;50;Park\n2;30;Bank\nVOTES\nvoter_id;vote\n1;2\n",
            [("2",)],
            [PbWarning("no_project_id_column", (6,), {"column": "nr"})],
        ),
    ],
)
def test_odd_files_are_read_with_a_warning_per_kind(text, ballots, warnings):
    e = read_pb(text, name="odd.pb")
    assert [b.projects for b in e.ballots] == ballots
    assert e.warnings == tuple(warnings)
    assert read_pb(text, voter_data=False).warnings == e.warnings


def test_cumulative_repeat_with_the_same_points_counts_once():
    text = (
        "META\nkey;value\nbudget;10\nvote_type;cumulative\nmin_points;1\nmax_points;3\n"
        "max_sum_points;4\nPROJECTS\nproject_id;cost\nx;4\ny;5\n"
        "VOTES\nvoter_id;vote;points\n1;x,y,x;2,1,2\n2;x;4\n3;x,y;3,3\n"
    )
    e = read_pb(text)
    assert [(b.projects, b.points) for b in e.ballots] == [
        (("x", "y"), (2, 1)),
        (("x",), (4,)),
        (("x", "y"), (3, 3)),
    ]
    assert e.warnings == (
        PbWarning("duplicate_in_vote", (14,), {"projects": ["x"]}),
        PbWarning("points_out_of_range", (15,), {"min_points": 1, "max_points": 3}),
        PbWarning("points_sum_out_of_range", (16,), {"max_sum_points": 4}),
    )
    with pytest.raises(PbFormatError, match=r"^c\.pb:14: project 'x' appears twice in one vote"):
        read_pb(text.replace("2,1,2", "2,1,1"), name="c.pb")


def test_separators_spaces_and_digit_groups_are_mere_form():
    text = (
        "META;\nkey;value;\nbudget;1 000 000;\nvote_type;approval;\nPROJECTS;;\n"
        "project_id;cost;;\n1;250 000,50;;\n2;\u00a0300\u00a0000;;\nVOTES;\nvoter_id;vote;\n"
        "1; 1 , 2 ;\n2;2,;\n"
    )
    e = read_pb(text)
    assert e.budget == 1_000_000
    assert [p.cost for p in e.projects] == [Fraction(500001, 2), 300_000]
    assert [b.projects for b in e.ballots] == [("1", "2"), ("2",)]
    assert e.warnings == ()


def test_warnings_are_not_compared_but_kept():
    import pickle

    odd = read_pb(APPROVAL + TWO + "VOTES\nvoter_id;vote\n1;1,1\n")
    plain = read_pb(APPROVAL + TWO + "VOTES\nvoter_id;vote\n1;1\n")
    assert odd == plain
    assert odd.warnings and not plain.warnings
    assert pickle.loads(pickle.dumps(odd)).warnings == odd.warnings  # noqa: S301 - our own bytes
    assert "warnings" not in repr(odd)


def test_warning_message_and_json():
    w = PbWarning("duplicate_in_vote", (3, 5), {"projects": ["1", "7"]})
    assert w.message() == (
        "a vote names the same project more than once (projects 1, 7); it counts once in that vote"
    )
    assert w.to_json_dict() == {
        "kind": "duplicate_in_vote",
        "message": w.message(),
        "lines": [3, 5],
        "args": {"projects": ["1", "7"]},
    }
    assert "at most 3" in PbWarning("points_out_of_range", (1,), {"max_points": 3}).message()
    with pytest.raises(ValueError, match="unknown warning kind"):
        PbWarning("odd")


def test_every_warning_kind_has_an_english_message():
    for kind in WARNING_KINDS:
        args = {
            "projects": ["1"],
            "keys": ["x"],
            "column": "nr",
            "stated": 1,
            "counted": 2,
            "max_length": 1,
            "min_length": 2,
            "max_points": 3,
            "max_sum_points": 4,
        }
        assert PbWarning(kind, (1,), args).message()


@pytest.mark.parametrize("name", data_files())
def test_real_files_read_without_warnings(name):
    """The pabulib files in the shared data are clean: a warning there would be a false alarm."""
    assert read_pb(data_path(name), voter_data=False).warnings == ()


def test_a_vote_both_too_long_and_too_short_gets_both_warnings():
    text = APPROVAL + "max_length;1\nmin_length;3\n" + TWO + "VOTES\nvoter_id;vote\n1;1,2\n"
    for voter_data in (True, False):
        e = read_pb(text, voter_data=voter_data)
        assert [(w.kind, w.lines) for w in e.warnings] == [
            ("vote_too_long", (13,)),
            ("vote_too_short", (13,)),
        ]
