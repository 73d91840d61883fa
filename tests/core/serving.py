"""Processes of the project for a test: Python code in a fresh interpreter, and `voorop serve
--web` on a free port, stopped again."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from voorop.settings import env

ROOT = Path(__file__).parents[2]


def run_python(code: str, **environ: str) -> subprocess.CompletedProcess:
    """``code`` (dedented) in a fresh interpreter in the project folder, with only
    ``environ`` of our variables set and the project and its tests importable."""
    clean = {k: v for k, v in os.environ.items() if k not in env.VARIABLES}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env={**clean, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]), **environ},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 10) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@contextlib.contextmanager
def web_server(*args: str, **environ: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """``voorop serve --web`` with development settings (DEBUG off) and ``environ``; yields
    the base URL and the process once /healthz answers. What the server prints goes to a
    file: into a pipe that nobody reads, a server that logs a warning per request would
    block once the pipe is full, and every request after would hang."""
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if k not in env.VARIABLES}
    with tempfile.TemporaryFile(mode="w+") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "voorop", "serve", "--web", f"127.0.0.1:{port}", *args],
            env={
                **clean,
                "DJANGO_SETTINGS_MODULE": "voorop.settings.dev",
                "DEBUG": "false",
                "LOG_LEVEL": "WARNING",
                **environ,
            },
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    output.seek(0)
                    raise AssertionError(f"server stopped: {output.read()[-5000:]}")
                try:
                    if get(f"{base}/healthz", timeout=2) == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise AssertionError("server did not answer /healthz within 60 s")
                time.sleep(0.2)
            yield base, process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
