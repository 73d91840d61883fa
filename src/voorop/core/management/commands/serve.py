"""`voorop serve`: the web server (gunicorn) and the background task worker.

Without options both run together and Ctrl-C stops both (`make demo`, a small server). On a
production server each runs as its own service, so either can be restarted or scaled alone:

    voorop serve --web 0.0.0.0:8000     # gunicorn: workers sized to the machine
    voorop serve --tasks                # the task worker, and the daily jobs every hour
"""

from __future__ import annotations

import ipaddress
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from voorop.settings import env

MAINTENANCE_EVERY = 3600  # seconds
MAX_DEFAULT_WORKERS = 9


def default_workers() -> int:
    """gunicorn's advice, 2 per core plus 1; capped, because each worker also holds database
    connections and memory, and more workers than that add nothing on a database-bound app."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(2 * (cores or 1) + 1, MAX_DEFAULT_WORKERS)


def gunicorn_command(addrport: str, *, workers: int, threads: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "python:voorop.settings.gunicorn",
        "--bind",
        addrport,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
    ]


def worker_command() -> list[str]:
    return [sys.executable, "-m", "voorop", "db_worker", "--interval", "0.5", "--no-reload"]


def site_url(addrport: str) -> str:
    """The address a browser on this machine uses for ``addrport`` (for links in e-mails).

    "0.0.0.0:8080" and "[::]:8080" listen everywhere, so the link uses 127.0.0.1; a bare port
    ("8080") means 127.0.0.1 as well; without a port gunicorn listens on 8000.
    """
    host, port = "127.0.0.1", "8000"
    if addrport.isdigit():
        port = addrport
    elif addrport.startswith("["):
        host, _, rest = addrport[1:].partition("]")
        port = rest.lstrip(":") or port
        host = f"[{host}]"
    elif ":" in addrport:
        host, port = addrport.rsplit(":", 1)
    else:
        host = addrport
    if host in ("", "0.0.0.0", "[::]"):  # noqa: S104 (only compared, never bound here)
        host = "127.0.0.1"
    return f"http://{host}:{port}"


def _is_loopback(addrport: str) -> bool:
    host = addrport.rsplit(":", 1)[0].strip("[]") if ":" in addrport else addrport
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Run the web server (gunicorn) and the task worker; Ctrl-C stops both. "
        "--web or --tasks runs one of them, as a production service does."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        role = parser.add_mutually_exclusive_group()
        role.add_argument("--web", action="store_true", help="Only the web server.")
        role.add_argument(
            "--tasks", action="store_true", help="Only the task worker (and the daily jobs)."
        )
        parser.add_argument(
            "--workers",
            type=_positive,
            help="Web worker processes (default VOOROP_WEB_WORKERS, else 2 per core plus 1).",
        )
        parser.add_argument(
            "--threads", type=_positive, help="Threads per web worker (default VOOROP_WEB_THREADS)."
        )
        parser.add_argument(
            "--no-maintenance",
            action="store_true",
            help="Do not run the daily jobs every hour (when a timer or cron runs them).",
        )

    def handle(self, *args, addrport: str, **options) -> None:
        if addrport.isdigit():  # `voorop serve 8080`
            addrport = f"127.0.0.1:{addrport}"
        try:
            workers = options["workers"] or _positive(
                env.get("VOOROP_WEB_WORKERS") or str(default_workers())
            )
            threads = options["threads"] or _positive(env.get("VOOROP_WEB_THREADS") or "1")
        except ValueError as error:
            raise CommandError(
                "VOOROP_WEB_WORKERS and VOOROP_WEB_THREADS must be whole numbers of 1 or more."
            ) from error
        environ = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if settings.DEBUG and not _is_loopback(addrport):
            self.stderr.write(
                "Warning: development settings (DEBUG on) on an address others can reach. "
                "Set DJANGO_SETTINGS_MODULE=voorop.settings.production on a server."
            )
        web = gunicorn_command(addrport, workers=workers, threads=threads)
        if options["web"]:
            # Become gunicorn, so the service manager's signals (stop, reload) reach it.
            os.execve(web[0], web, environ)  # noqa: S606 (fixed argument list)
        maintenance = not options["no_maintenance"]
        if options["tasks"]:
            self._supervise([worker_command()], environ, maintenance=maintenance)
            return
        # Links in e-mails point at the address served, unless VOOROP_SITE_URL says otherwise
        # (the public address behind a proxy). The worker renders the mails, so it gets it too.
        address = site_url(addrport)
        if not os.environ.get("VOOROP_SITE_URL"):
            environ["VOOROP_SITE_URL"] = address
        self.stdout.write(
            f"Serving on {address}/ ({workers} web workers × {threads} threads) "
            "with a task worker. Ctrl-C stops both."
        )
        self.stdout.write(f"Links in e-mails start with {environ['VOOROP_SITE_URL']}/")
        self._supervise([web, worker_command()], environ, maintenance=maintenance)

    def _supervise(
        self, commands: list[list[str]], environ: dict[str, str], *, maintenance: bool
    ) -> None:
        children = [subprocess.Popen(command, env=environ) for command in commands]

        def stop(*_args: object) -> None:
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        next_maintenance = 0.0
        try:
            # If either process dies, stop the other: a server without its worker would
            # silently never send mail. The service manager restarts the whole.
            while all(child.poll() is None for child in children):
                if maintenance and time.monotonic() >= next_maintenance:
                    # Hourly daily jobs, so personal data is deleted on time without cron.
                    subprocess.run(
                        [sys.executable, "-m", "voorop", "maintenance"], env=environ, check=False
                    )
                    next_maintenance = time.monotonic() + MAINTENANCE_EVERY
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=35)
                except subprocess.TimeoutExpired:
                    child.kill()
        failed = [c.returncode for c in children if c.returncode not in (0, -2, -15, None)]
        if failed:
            sys.exit(1)
