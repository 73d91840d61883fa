"""`voorop serve`: the web server and the background task worker, started and stopped together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server and the task worker together; Ctrl-C stops both."

    def add_arguments(self, parser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options) -> None:
        voorop = [sys.executable, "-m", "voorop"]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        children = [
            subprocess.Popen([*voorop, "runserver", "--noreload", addrport], env=env),
            subprocess.Popen([*voorop, "db_worker", "--interval", "0.5", "--no-reload"], env=env),
        ]
        self.stdout.write(f"Serving on http://{addrport}/ with a task worker. Ctrl-C stops both.")

        def stop(*_args: object) -> None:
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        next_maintenance = 0.0
        try:
            # If either process dies, stop the other: a server without its worker would
            # silently never send mail.
            while all(child.poll() is None for child in children):
                if time.monotonic() >= next_maintenance:
                    # Hourly daily jobs, so personal data is deleted on time without cron.
                    subprocess.run([*voorop, "maintenance"], env=env, check=False)
                    next_maintenance = time.monotonic() + 3600
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        failed = [c.returncode for c in children if c.returncode not in (0, -2, -15, None)]
        if failed:
            sys.exit(1)
