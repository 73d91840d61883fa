"""``voorop opinions map``: the JSON it prints and its errors."""

from __future__ import annotations

import json
import subprocess
import sys

from voorop.engines.opinions import Statement, compute_map, write_polis_export
from voorop.engines.opinions.cli import main

from .conftest import two_camps


def _files(tmp_path):
    matrix = two_camps()
    statements = [Statement(s) for s in matrix.statements]
    pv, cm = tmp_path / "participants-votes.csv", tmp_path / "comments.csv"
    write_polis_export(pv, cm, matrix, statements)
    return pv, cm, compute_map(matrix, statements)


def test_map_prints_groups_consensus_and_representative(tmp_path, capsys):
    pv, cm, expected = _files(tmp_path)
    status = main(
        ["map", "--participants-votes", str(pv), "--comments", str(cm), "--format", "json"]
    )
    assert status == 0
    out = json.loads(capsys.readouterr().out)
    assert out["groups"] == expected.group_of()
    assert out["consensus"] == list(expected.consensus)
    assert out["representative"] == {
        str(g): [r.statement for r in reps] for g, reps in expected.representative.items()
    }
    assert set(out) >= {"divisive", "group_sizes", "majority", "group_informed_consensus"}


def test_malformed_file_gives_file_line_and_status_2(tmp_path, capsys):
    pv, cm, _ = _files(tmp_path)
    lines = pv.read_text().splitlines()
    lines[3] = lines[3] + ",1"
    pv.write_text("\n".join(lines) + "\n")
    status = main(
        ["map", "--participants-votes", str(pv), "--comments", str(cm), "--format", "json"]
    )
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert captured.err.startswith(f"{pv}:4: expected ")


def test_missing_comments_file(tmp_path, capsys):
    pv, _, _ = _files(tmp_path)
    status = main(["map", "--participants-votes", str(pv), "--comments", str(tmp_path / "x")])
    assert status == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'x'}:0: ")


def test_replay_of_a_vote_log(tmp_path, capsys):
    pv, cm, _ = _files(tmp_path)
    matrix = two_camps()
    log = tmp_path / "votes.csv"
    lines = ["timestamp,datetime,comment-id,voter-id,vote"]
    stamp = 1_500_000_000_000
    for i, participant in enumerate(matrix.participants):
        for statement, vote in matrix.votes_of(participant).items():
            stamp += 1000 * (i % 3)
            lines.append(f"{stamp},,{statement},{participant},{int(vote)}")
    log.write_text("\n".join(lines) + "\n")
    argv = ["map", "--participants-votes", str(pv), "--comments", str(cm), "--votes", str(log)]
    assert main([*argv, "--tick-seconds", "30"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert sorted(out["group_sizes"].values()) == [20, 20]
    log.write_text(lines[0] + "\n1,,s1,a0,yes\n")
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith(f"{log}:2: vote 'yes'")


def test_the_voorop_command_runs_it_without_django(tmp_path):
    pv, cm, expected = _files(tmp_path)
    code = (
        "import sys; from voorop.__main__ import main; "
        "status = main(sys.argv[1:]); "
        "assert 'django' not in sys.modules, 'Django was imported'; sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "opinions", "map", "--participants-votes", str(pv),
         "--comments", str(cm), "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["groups"] == expected.group_of()
