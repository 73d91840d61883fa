"""The command line, called in-process as ``voorop pb`` does."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from voorop.engines.budgeting import cli

from .conftest import data_path

TINY = """META
key;value
budget;10
vote_type;approval
rule;greedy-threshold
min_project_score_threshold;2
PROJECTS
project_id;cost;selected
a;6;1
b;5;0
c;4;1
d;1;0
VOTES
voter_id;vote
1;a,b,c
2;a,b,c
3;a,d
"""


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny.pb"
    path.write_text(TINY, encoding="utf-8")
    return path


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("args", "selected", "cost"),
    [
        (["--rule", "greedy"], ["a", "c"], 10),
        (["--rule", "greedy-no-skip"], ["a"], 6),
        (["--rule", "from-file"], ["a", "c"], 10),
        (["--rule", "greedy", "--min-votes", "3"], ["a"], 6),
        # Equal Shares: voters 1 and 2 have 8/3 left after a, too little for b or c.
        (["--rule", "mes"], ["a", "d"], 7),
        (
            ["--rule", "mes", "--completion", "add1-greedy", "--tie-breaking", "cost-votes"],
            ["a", "d"],
            7,
        ),
        (["--rule", "phragmen"], ["c", "d"], 5),
    ],
)
def test_compute_prints_json(capsys, tiny, args, selected, cost):
    code, out, err = run(capsys, "compute", str(tiny), *args, "--format", "json")
    assert code == 0, err
    assert json.loads(out) == {"selected": selected, "total_cost": cost, "warnings": []}
    assert err == ""
    assert out.count("\n") == 1


def test_full_json_explains_unfunded(capsys, tiny):
    code, out, _ = run(
        capsys, "compute", str(tiny), "--rule", "greedy-no-skip", "--format", "json-full"
    )
    assert code == 0
    data = json.loads(out)
    reasons = {u["project_id"]: u["reason"] for u in data["unfunded"]}
    assert reasons == {"b": "over_budget", "c": "stopped_no_skip", "d": "stopped_no_skip"}
    assert data["votes"] == {"a": 3, "b": 2, "c": 2, "d": 1}
    assert data["engine_version"]


def test_malformed_file_exit_2_naming_the_line(capsys, tmp_path):
    path = tmp_path / "Poland_X.pb"
    path.write_text(TINY.replace("3;a,d", "3;a,z"), encoding="utf-8")
    code, out, err = run(capsys, "compute", str(path), "--rule", "greedy", "--format", "json")
    assert code == 2
    assert out == ""
    assert err.startswith("Poland_X.pb:17: ")
    assert err.count("\n") == 1


def test_missing_file_exit_2(capsys, tmp_path):
    code, _, err = run(
        capsys, "compute", str(tmp_path / "nope.pb"), "--rule", "mes", "--format", "json"
    )
    assert code == 2
    assert "nope.pb" in err


def test_unknown_file_rule_exit_2(capsys, tmp_path):
    path = tmp_path / "odd.pb"
    path.write_text(TINY.replace("greedy-threshold", "borda"), encoding="utf-8")
    code, _, err = run(capsys, "compute", str(path), "--rule", "from-file", "--format", "json")
    assert code == 2
    assert "borda" in err


def test_bad_option_exit_2(capsys, tiny):
    with pytest.raises(SystemExit) as info:
        cli.main(["compute", str(tiny), "--rule", "borda", "--format", "json"])
    assert info.value.code == 2


def test_python_dash_m(tiny):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "voorop.engines.budgeting",
            "compute",
            str(tiny),
            "--rule",
            "from-file",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["selected"] == ["a", "c"]


def test_real_file_from_file(capsys):
    path = data_path("Poland_Swiecie_2023.pb")
    code, out, _ = run(capsys, "compute", str(path), "--rule", "from-file", "--format", "json")
    assert code == 0
    assert json.loads(out)["total_cost"] == 1040337


def test_cli_does_not_import_django():
    code = (
        "import sys; from voorop.engines.budgeting import cli; "
        "cli.main(['compute', sys.argv[1], '--rule', 'mes', '--format', 'json']); "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    path = data_path("Netherlands_Assen_2024.pb")
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("rule", ["mes", "greedy", "from-file"])
def test_cli_does_not_import_numpy(rule):
    """Importing numpy costs more than a whole Equal Shares run on a 90,000-voter file;
    only Phragmén and the add1 completion use it."""
    code = (
        "import sys; from voorop.engines.budgeting import cli; "
        f"cli.main(['compute', sys.argv[1], '--rule', {rule!r}, '--format', 'json-full']); "
        "assert 'numpy' not in sys.modules, 'numpy imported'"
    )
    path = data_path("Poland_Gdansk_2020_Mlyniska.pb")  # its META rule is greedy
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["ballots_digest"]


def test_odd_file_is_computed_with_warnings_on_stderr_and_in_json(capsys, tmp_path):
    """A real Amsterdam file lists a project twice in one approval vote: pabutools reads
    the vote as a set, and so do we, saying so."""
    from . import oracle

    votes = "".join(f"{n};a,b\n" for n in range(4, 40)) + "40;c,a,c\n41;\n"
    path = tmp_path / "Netherlands_Amsterdam_odd.pb"
    path.write_text(TINY.replace("3;a,d\n", "3;a,d\n" + votes), encoding="utf-8")
    code, out, err = run(capsys, "compute", str(path), "--rule", "mes", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    instance, profile = oracle.load(str(path))
    assert data["selected"] == oracle.run(instance, profile, "mes")
    assert [w["kind"] for w in data["warnings"]] == ["duplicate_in_vote", "empty_vote"]
    assert data["warnings"][0] == {
        "kind": "duplicate_in_vote",
        "message": "a vote names the same project more than once (project c); it counts once "
        "in that vote",
        "lines": [54],
        "args": {"projects": ["c"]},
    }
    assert err.splitlines() == [
        "Netherlands_Amsterdam_odd.pb:54: warning: a vote names the same project more than "
        "once (project c); it counts once in that vote",
        "Netherlands_Amsterdam_odd.pb:55: warning: an empty vote; the voter counts, "
        "supporting no project",
    ]
    code, out, _ = run(capsys, "compute", str(path), "--rule", "mes", "--format", "json-full")
    assert json.loads(out)["warnings"] == data["warnings"]


def test_stderr_names_the_first_lines_and_counts_the_rest(capsys, tmp_path):
    path = tmp_path / "empty.pb"
    path.write_text(TINY + "".join(f"{n};\n" for n in range(4, 29)), encoding="utf-8")
    code, out, err = run(capsys, "compute", str(path), "--rule", "greedy", "--format", "json")
    assert code == 0
    assert err == (
        "empty.pb:18: warning: an empty vote; the voter counts, supporting no project "
        "(25 lines: 18, 19, 20, 21, 22, 23, 24, 25, 26, 27 and 15 more)\n"
    )
    assert json.loads(out)["warnings"][0]["lines"] == list(range(18, 43))


def test_timings_on_stderr(capsys, tiny):
    code, out, err = run(
        capsys, "compute", str(tiny), "--rule", "mes", "--format", "json", "--timings"
    )
    assert code == 0
    assert json.loads(out)["selected"] == ["a", "d"]
    assert re.fullmatch(
        r"timings \(CPU seconds\): start-up \d+\.\d{3}, reading \d+\.\d{3}, rule \d+\.\d{3}, "
        r"output \d+\.\d{3}\n",
        err,
    )
