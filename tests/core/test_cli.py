import os
import subprocess
import sys
import types

from voorop import __main__ as cli


def test_engine_commands_run_without_django(monkeypatch):
    calls = []
    fake = types.SimpleNamespace(main=lambda argv: calls.append(argv) or 3)
    monkeypatch.setattr(cli.importlib, "import_module", lambda name: fake)
    assert cli.main(["pb", "compute", "x.pb"]) == 3
    assert calls == [["compute", "x.pb"]]


def test_voorop_command_runs_django_management_from_any_directory(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "voorop", "check"],
        cwd=tmp_path,
        env={
            k: v
            for k, v in os.environ.items()
            if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
