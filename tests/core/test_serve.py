"""`voorop serve`: gunicorn sized to the machine, the task worker beside it, clean stops."""

from __future__ import annotations

import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import CommandError, call_command

from tests.core.serving import get, web_server
from voorop.core.management.commands import serve


def test_workers_are_sized_to_the_machine(monkeypatch):
    monkeypatch.setattr(serve.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert serve.default_workers() == 5
    monkeypatch.setattr(serve.os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert serve.default_workers() == serve.MAX_DEFAULT_WORKERS


class Exec(Exception):
    pass


def _capture_exec(monkeypatch) -> list:
    calls: list = []

    def fake_execve(path, argv, environ):
        calls.append(argv)
        raise Exec

    monkeypatch.setattr(serve.os, "execve", fake_execve)
    return calls


def test_web_becomes_gunicorn_with_the_project_configuration(monkeypatch):
    calls = _capture_exec(monkeypatch)
    monkeypatch.setenv("VOOROP_WEB_WORKERS", "3")
    with pytest.raises(Exec):
        call_command("serve", "0.0.0.0:8000", web=True, threads=4)
    argv = calls[0]
    assert argv[1:3] == ["-m", "gunicorn"]
    assert argv[argv.index("--config") + 1] == "python:voorop.settings.gunicorn"
    assert argv[argv.index("--bind") + 1] == "0.0.0.0:8000"
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--threads") + 1] == "4"


def test_a_wrong_worker_count_gets_a_plain_message(monkeypatch):
    _capture_exec(monkeypatch)
    monkeypatch.setenv("VOOROP_WEB_WORKERS", "many")
    with pytest.raises(CommandError, match="whole numbers of 1 or more"):
        call_command("serve", web=True)


def test_dev_settings_on_a_public_address_are_warned_about(monkeypatch, capsys, settings):
    _capture_exec(monkeypatch)
    settings.DEBUG = True
    with pytest.raises(Exec):
        call_command("serve", "0.0.0.0:8000", web=True)
    assert "development settings" in capsys.readouterr().err
    with pytest.raises(Exec):
        call_command("serve", "127.0.0.1:8000", web=True)
    assert "development settings" not in capsys.readouterr().err


def test_when_one_process_dies_the_other_is_stopped(monkeypatch):
    """A web server without its task worker would silently never send mail."""
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    crasher = [sys.executable, "-c", "import sys, time; time.sleep(0.5); sys.exit(3)"]
    monkeypatch.setattr(serve, "gunicorn_command", lambda *a, **k: sleeper)
    monkeypatch.setattr(serve, "worker_command", lambda: crasher)
    previous = signal.getsignal(signal.SIGTERM)
    started = time.monotonic()
    try:
        with pytest.raises(SystemExit) as stopped:
            call_command("serve", no_maintenance=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert stopped.value.code == 1
    assert time.monotonic() - started < 20


@pytest.mark.slow
def test_gunicorn_serves_in_parallel_and_stops_cleanly(tmp_path):
    with web_server("--workers", "2", "--threads", "2", VOOROP_DATA_DIR=str(tmp_path)) as (
        base,
        process,
    ):
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda _: get(f"{base}/healthz"), range(40)))
        assert statuses == [200] * 40
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
