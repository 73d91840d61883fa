"""What the load test and the fault test share: the environment of the server under test,
its database, and starting and stopping app servers, task workers and a proxy."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/voorop_loadtest"


def server_environment(database_url: str, data_dir: Path, mail_dir: Path) -> dict[str, str]:
    """Production settings, as behind a TLS proxy (VOOROP_TRUSTED_PROXIES=1), with the
    baseline view; a new signing key each run (sessions are made anew each run)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LT_")}
    environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "loadtest_settings",
            "PYTHONPATH": os.pathsep.join(
                [str(HERE), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
            "DATABASE_URL": database_url,
            "VOOROP_DATA_DIR": str(data_dir),
            "SECRET_KEY": os.environ.get("LT_SECRET_KEY") or secrets.token_urlsafe(50),
            "EMAIL_URL": f"file://{mail_dir}",
            "VOOROP_TRUSTED_PROXIES": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return environ


def use_environment(environ: dict[str, str]) -> None:
    """Make this process a Django client of the same settings (to prepare data and count)."""
    os.environ.update(environ)
    os.environ["LOG_LEVEL"] = "WARNING"  # this process's own log; the servers keep theirs
    sys.path.insert(0, str(HERE))
    import django

    django.setup()


def ensure_database(database_url: str, *, fresh: bool = False) -> None:
    """Create the PostgreSQL database if missing (or anew with ``fresh``)."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def voorop(*args: str) -> list[str]:
    return [sys.executable, "-m", "voorop", *args]


class Processes:
    """Started processes, stopped (TERM, then KILL) on exit; output in log files."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.running: list[subprocess.Popen] = []

    def start(self, name: str, command: list[str], environ: dict[str, str]) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(command, env=environ, stdout=log, stderr=subprocess.STDOUT)
        process.log = log
        process.name = name
        self.running.append(process)
        return process

    def stop(self, process: subprocess.Popen, timeout: float = 30) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.log.close()
        if process in self.running:
            self.running.remove(process)

    def stop_all(self) -> None:
        for process in reversed(list(self.running)):
            self.stop(process)


@contextlib.contextmanager
def processes(log_dir: Path):
    log_dir.mkdir(parents=True, exist_ok=True)
    # A TERM (timeout, kill) stops the servers too, through the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = Processes(log_dir)
    try:
        yield started
    finally:
        started.stop_all()


def start_web(
    started: Processes,
    environ: dict[str, str],
    port: int,
    *,
    workers: int,
    threads: int,
    name="web",
    cpus: str = "",
) -> subprocess.Popen:
    """An app server; with ``cpus`` ("0", "1", "0,1") it and its workers run only on those
    cores (taskset), so that servers on cores of their own can be compared on one machine."""
    command = voorop(
        "serve", "--web", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)
    )
    if cpus:
        command = ["taskset", "--cpu-list", cpus, *command]
    process = started.start(name, command, environ)
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return process


def start_proxy(started: Processes, port: int, backends: list[int], work: Path):
    """haproxy (Debian's) in front of the app servers, round robin, as a municipality's load
    balancer would be (TLS left out: it is the proxy's cost, not Voorop's)."""
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        raise SystemExit("haproxy is needed for --servers > 1: apt-get install haproxy")
    servers = "\n".join(f"    server app{i} 127.0.0.1:{p} check" for i, p in enumerate(backends))
    config = work / "haproxy.cfg"
    config.write_text(
        f"""global
    maxconn 4096
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    option http-keep-alive
frontend voorop
    bind 127.0.0.1:{port}
    default_backend app
backend app
    balance roundrobin
    # A saturated server answers its health check late, not never: only a server that
    # fails 3 checks of 20 s each is taken out (a crashed one refuses at once).
    option httpchk GET /healthz
    timeout check 20s
    default-server inter 5s fall 3 rise 1
{servers}
"""
    )
    process = started.start("haproxy", [haproxy, "-db", "-f", str(config)], dict(os.environ))
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return process


def scratch(name: str) -> Path:
    base = ROOT / "var" / "loadtest"
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=base))


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=2, default=str))


def print_statements(request) -> None:
    """Run ``request()`` and print the SQL statements it sent, without their values: the
    values of a ballot's INSERT are a vote, which must not end up in a terminal or a log."""
    from django.db import connection

    statements: list[str] = []

    def keep(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        request()
    for number, sql in enumerate(statements, 1):
        print(f"{number:2}. {' '.join(sql.split())[:240]}")
