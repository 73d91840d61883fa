"""Reading and writing Pol.is's open-data export, and the errors for files it cannot read."""

from __future__ import annotations

import math

import numpy as np
import pytest

from voorop.engines.opinions import (
    Moderation,
    PolisFormatError,
    Statement,
    compute_map,
    read_comments,
    read_participants_votes,
    read_polis_export,
    write_polis_export,
)

from .conftest import CONVERSATIONS, polis_folder, two_camps

HEADER = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n"


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_every_shared_conversation_reads(name):
    folder = polis_folder(name)
    export = read_polis_export(folder / "participants-votes.csv", folder / "comments.csv")
    assert export.matrix.shape[0] == len(export.groups)
    assert {s.id for s in export.statements} >= set(export.matrix.statements)
    # The derived counts of the file agree with the votes read.
    counts = export.matrix.vote_counts()
    with open(folder / "participants-votes.csv", encoding="utf-8") as fh:
        import csv

        for row in csv.DictReader(fh):
            assert counts[row["participant"]] == int(row["n-votes"])


def test_row_order_and_values_are_kept(tmp_path):
    path = _write(tmp_path, "pv.csv", HEADER + "7,1,0,2,1,1,1,-1,\n3,,0,1,0,0,,,0\n")
    matrix, groups, _ = read_participants_votes(path)
    assert matrix.participants == ("7", "3")
    assert matrix.statements == ("0", "1", "2")
    assert matrix.values[0, :2].tolist() == [1.0, -1.0] and math.isnan(matrix.values[0, 2])
    assert groups == {"7": 1, "3": None}


def test_round_trip_with_a_map(tmp_path):
    matrix = two_camps()
    statements = [
        Statement(
            s, text=f"Stelling, met komma en\nregel {s}", author="a0", created_ms=1_700_000_000
        )
        if s != "s0"
        else Statement("s0", text="weg", moderation=Moderation.REJECTED)
        for s in matrix.statements
    ]
    opinion_map = compute_map(matrix, statements)
    pv, cm = tmp_path / "participants-votes.csv", tmp_path / "comments.csv"
    write_polis_export(pv, cm, matrix, statements, opinion_map)
    back = read_polis_export(pv, cm)
    assert back.matrix.participants == matrix.participants
    assert back.matrix.statements == matrix.statements
    np.testing.assert_array_equal(back.matrix.values, matrix.values)
    assert back.statements == tuple(statements)
    assert back.groups == opinion_map.group_of()
    for s in opinion_map.statements:
        assert back.group_informed_consensus[s.statement] == s.group_informed_consensus
    # Read again, the same map.
    assert compute_map(back.matrix, back.statements).group_of() == opinion_map.group_of()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "empty file"),
        ("\n\n", 1, "empty file"),
        ("group-id,0\n1,1\n", 1, "no 'participant' column"),
        ("participant,0,0\n", 1, "column '0' occurs twice"),
        ("participant,,1\n", 1, "a column without a name"),
        ("participant,0,group-id\n", 1, "before the statement columns"),
        (HEADER + "1,0,0,1,1,0,1,,\n2,0,0,1,1,0,1,\n", 3, "expected 9 fields, found 8"),
        (HEADER + "1,0,0,1,1,0,1,,\n2,0,0,1,1,0,2,,\n", 3, "vote '2' for statement '0'"),
        (HEADER + "1,0,0,1,1,0,yes,,\n", 2, "vote 'yes' for statement '0'"),
        (HEADER + "1,0,0,1,1,0,1,,\n2,0,0,1,1,0,,n,\n", 3, "vote 'n' for statement '1'"),
        (HEADER + "1,0,0,1,1,0,1,,\n2,0,0,1,1,0,,,10\n", 3, "vote '10' for statement '2'"),
        (HEADER + "1,0,0,1,1,0,1,,\n2,0,0,1,1,0,,,1.0\n", 3, "vote '1.0' for statement '2'"),
        (HEADER + "1,0,0,1,1,0,1,,\n2,0,0,1,1,0,, 1,\n", 3, "vote ' 1' for statement '1'"),
        (HEADER + "1,0,0,1,1,0,1,,\n1,0,0,1,1,0,1,,\n", 3, "participant '1' occurs twice"),
        (HEADER + ",0,0,1,1,0,1,,\n", 2, "empty participant id"),
        (HEADER + "1,A,0,1,1,0,1,,\n", 2, "group-id 'A' is not a whole number"),
        (HEADER + '1,0,0,1,1,0,1,,"\n', 2, "bad CSV"),
    ],
)
def test_participants_votes_errors_name_file_and_line(tmp_path, text, line, message):
    path = _write(tmp_path, "participants-votes.csv", text)
    with pytest.raises(PolisFormatError) as info:
        read_participants_votes(path)
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert message in str(info.value)


COMMENTS = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("comment-body\nx\n", 1, "no 'comment-id' column"),
        (COMMENTS + '1,d,0,3,1,0,1,"een\ntwee"\n2,d,1,3,1,0,2,x\n', 4, "moderated '2'"),
        (COMMENTS + "1,d,0,3,1,0,1,x\n2,d,0,3,1,0,1,y\n", 3, "comment '0' occurs twice"),
        (COMMENTS + "nu,d,0,3,1,0,1,x\n", 2, "timestamp 'nu'"),
        (COMMENTS + "1,d,,3,1,0,1,x\n", 2, "empty comment-id"),
        (COMMENTS + "1,d,0,3,1,0,1\n", 2, "expected 8 fields, found 7"),
        (
            "comment-id,moderated,is-meta,comment-body\n0,1,misschien,x\n",
            2,
            "is-meta 'misschien'",
        ),
        (
            "comment-id,moderated,group-informed-consensus,comment-body\n0,1,veel,x\n",
            2,
            "group-informed-consensus 'veel'",
        ),
    ],
)
def test_comments_errors_name_file_and_line(tmp_path, text, line, message):
    path = _write(tmp_path, "comments.csv", text)
    with pytest.raises(PolisFormatError) as info:
        read_comments(path)
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert message in str(info.value)


def test_not_utf8_names_the_line(tmp_path):
    path = _write(tmp_path, "pv.csv", HEADER.encode() + b"1,0,0,1,1,0,1,,\n2,\xff,0,1,1,0,1,,\n")
    with pytest.raises(PolisFormatError, match=r":3: not UTF-8 text"):
        read_participants_votes(path)


def test_missing_file_is_a_format_error(tmp_path):
    with pytest.raises(PolisFormatError, match=r"nothing\.csv:0: "):
        read_participants_votes(tmp_path / "nothing.csv")


def test_byte_order_mark_and_crlf_are_fine(tmp_path):
    text = "\ufeff" + HEADER.replace("\n", "\r\n") + "1,0,0,1,1,0,1,,0\r\n"
    matrix, _, _ = read_participants_votes(_write(tmp_path, "pv.csv", text))
    assert matrix.participants == ("1",)
    assert matrix.values[0, 2] == 0.0


def test_comments_keep_text_meta_and_moderation(tmp_path):
    text = (
        "timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,is-seed,"
        "group-informed-consensus,comment-body\n"
        '1726860676783,2,0,57,0,1,false,true,0.68,"Zuidelijke\ngastvrijheid"\n'
        "1726860676784,5,,0,0,-1,true,false,,meta\n"
    )
    statements, consensus = read_comments(_write(tmp_path, "comments.csv", text))
    assert statements[0] == Statement(
        "2", "Zuidelijke\ngastvrijheid", "0", Moderation.ACCEPTED, False, 1726860676783
    )
    assert statements[1].is_meta and statements[1].left_out and statements[1].author is None
    assert consensus == {"2": 0.68}
