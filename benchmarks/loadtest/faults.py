"""`make faults`: kill a web worker, kill the task worker and restart PostgreSQL under load,
then count: no ballot, desk submission or e-mail may be lost or doubled.

Runs on a PostgreSQL cluster of its own (initdb in a temporary folder, on a free port), so
restarting it disturbs no one else's database. Production processes as a service manager
runs them: `voorop serve --web` (gunicorn restarts a killed worker itself) and
`voorop serve --tasks`, restarted by this script when it dies, as systemd's Restart=always
would. Residents are simulated by threads: each posts a desk submission (unique title and
address) or casts a ballot (a voting code of its own), and, like a person pressing again,
retries a post whose answer never came (connection error or 5xx) up to five times.

Counted afterwards, in the database and the mail folder (EMAIL_URL=file://):
- every accepted ballot is stored; no code has two ballots;
- every accepted desk submission is stored once, not twice (also after a retry);
- every stored submission's confirmation e-mail was sent exactly once (the outbox);
- no background task is left unfinished (READY or RUNNING) or FAILED.

    .venv/bin/python benchmarks/loadtest/faults.py [--seconds 40] [--residents 12]

Exit status 0 when nothing was lost or doubled, 1 otherwise (the findings are printed).
"""

from __future__ import annotations

import argparse
import email
import http.client
import os
import pwd
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import harness
import procstat
import slowmail

PG_BIN = Path("/usr/lib/postgresql")


@dataclass
class Outcome:
    kind: str  # desk | ballot
    key: str  # title (desk) or session key (ballot)
    code_id: int = 0
    attempts: int = 0
    accepted: bool = False
    errors: list[str] = field(default_factory=list)


class Cluster:
    """A throw-away PostgreSQL cluster (Debian's binaries) that this script may restart."""

    def __init__(self, work: Path) -> None:
        versions = sorted(PG_BIN.glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
        if not versions:
            raise SystemExit("PostgreSQL server binaries are needed: apt-get install postgresql")
        self.bin = versions[-1].parent
        self.dir = Path(tempfile.mkdtemp(prefix="voorop-faults-pg-"))
        self.port = harness.free_port()
        self.log = self.dir / "postgresql.log"
        # initdb refuses root: the cluster belongs to the postgres user, if there is one.
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb", "-D", str(self.dir / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode:
            log = self.log.read_text()[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{tool} failed: {result.stdout}{result.stderr}{log}")

    def _ctl(self, action: str, *extra: str) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.dir} -c max_connections=100"
        )
        self._run(
            "pg_ctl",
            action,
            "-D",
            str(self.dir / "data"),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            *extra,
        )

    def start(self) -> None:
        self._ctl("start")

    def restart(self) -> None:
        # Fast shutdown: open transactions are rolled back and connections cut, as in a
        # fail-over or an operator's restart.
        self._ctl("restart", "-m", "fast")

    def stop(self) -> None:
        try:
            self._ctl("stop", "-m", "fast")
        except RuntimeError:
            pass  # not running
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/voorop_faults"


class Residents:
    """Threads posting desk submissions and ballots, retrying what got no answer."""

    def __init__(self, port: int, pages: dict, csrf: str, cookies: dict, voters: list) -> None:
        self.port, self.pages, self.csrf, self.cookies = port, pages, csrf, cookies
        self.voters = voters  # (session key, code id), each used once
        self.lock = threading.Lock()
        self.outcomes: list[Outcome] = []
        self.stop = threading.Event()
        self.marker = f"f{secrets.token_hex(3)}"
        self.counter = 0

    def _post(self, path: str, body: dict, session: str | None) -> int:
        cookie = f"{self.cookies['csrf']}={self.csrf}"
        if session:
            cookie += f"; {self.cookies['session']}={session}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(
                "POST",
                path,
                body=urlencode({"csrfmiddlewaretoken": self.csrf, **body}),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": cookie,
                    "Referer": f"https://127.0.0.1:{self.port}{path}",
                    "X-Forwarded-Proto": "https",
                    "X-Forwarded-For": f"203.0.113.{random.randint(1, 250)}",
                },
            )
            return connection.getresponse().status
        finally:
            connection.close()

    def _one(self) -> None:
        with self.lock:
            self.counter += 1
            number = self.counter
            voter = self.voters.pop() if number % 2 and self.voters else None
        if voter:
            outcome = Outcome("ballot", voter[0], code_id=voter[1])
            path, body, session = self.pages["ballot"], self.pages["ballot_fields"], voter[0]
        else:
            title = f"Fault test {self.marker}-{number}"
            outcome = Outcome("desk", title)
            body = {
                **self.pages["desk_fields"],
                "title": title,
                "contact_email": f"{self.marker}-{number}@example.org",
                # The form's one-time key, as the page gives it; a retry sends it again.
                "once": secrets.token_urlsafe(16),
            }
            path, session = self.pages["desk"], None
        for attempt in range(1, 6):
            outcome.attempts = attempt
            try:
                status = self._post(path, body, session)
            except (OSError, http.client.HTTPException) as error:
                outcome.errors.append(type(error).__name__)
            else:
                if status == 302:
                    outcome.accepted = True
                    break
                outcome.errors.append(str(status))
                if status < 500:
                    break  # refused, not lost: a retry would be refused too
            time.sleep(0.5)
        with self.lock:
            self.outcomes.append(outcome)

    def run(self, threads: int) -> list[threading.Thread]:
        def loop() -> None:
            while not self.stop.is_set():
                self._one()

        started = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
        for thread in started:
            thread.start()
        return started


def prepare(database_url: str, environ: dict[str, str], voters: int) -> dict:
    harness.use_environment(environ)
    import data
    from django.conf import settings
    from django.core.management import call_command

    from voorop.budgeting.models import BudgetRound
    from voorop.loket.models import ItemKind

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("demo", reset=True, verbosity=0)
    # The demo's own e-mails are not what is counted: only the load's are queued.
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    voting = next(r for r in BudgetRound.objects.order_by("pk") if r.phase.key == "voting")
    cheapest = voting.proposals.filter(status="approved").order_by("cost").first()
    keys, codes = data.voter_sessions(voting.pk, voters)
    return {
        "pages": {
            "desk": "/loket/",
            "desk_fields": {"kind": ItemKind.SIGNAL.value, "description": "Een fouttest."},
            "ballot": f"/begroting/{voting.pk}/stemmen/",
            "ballot_fields": {f"p{cheapest.pk}": "on"},
        },
        "voters": list(zip(keys, codes, strict=True)),
        "cookies": {"csrf": settings.CSRF_COOKIE_NAME, "session": settings.SESSION_COOKIE_NAME},
    }


def mails_by_recipient(mail_dir: Path) -> Counter:
    sent: Counter = Counter()
    for path in mail_dir.glob("*.log") if mail_dir.exists() else []:
        # The file backend writes each message followed by a line of dashes.
        for chunk in path.read_text(errors="replace").split("-" * 79):
            if chunk.strip():
                message = email.message_from_string(chunk.strip())
                for recipient in (message.get("To") or "").split(","):
                    sent[recipient.strip()] += 1
    return sent


def count(residents: Residents, mail_dir: Path) -> tuple[list[str], list[str]]:
    """What happened, in lines; and the findings (lost or doubled), in lines."""
    from django.db import close_old_connections
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from voorop.budgeting.models import Ballot
    from voorop.loket.models import DeskItem

    close_old_connections()
    lines, findings = [], []
    ballots = [o for o in residents.outcomes if o.kind == "ballot"]
    desks = [o for o in residents.outcomes if o.kind == "desk"]

    stored_ballots = dict(
        Ballot.objects.filter(voting_code_id__in=[o.code_id for o in ballots]).values_list(
            "voting_code_id", "times_changed"
        )
    )
    lost = [o for o in ballots if o.accepted and o.code_id not in stored_ballots]
    unanswered = [o for o in ballots if not o.accepted]
    retried = [o for o in ballots if o.accepted and o.attempts > 1]
    lines.append(
        f"ballots: {len(ballots)} cast, {sum(o.accepted for o in ballots)} accepted, "
        f"{len(stored_ballots)} stored; {len(unanswered)} never accepted "
        f"({sum(o.code_id in stored_ballots for o in unanswered)} of them stored anyway), "
        f"{len(retried)} accepted after a retry"
    )
    if lost:
        findings.append(f"LOST: {len(lost)} accepted ballots are not stored")
    # One ballot per code is a database constraint; a retry that lands twice changes it.
    changed = sum(1 for o in retried if stored_ballots.get(o.code_id, 0) > 0)
    if changed:
        lines.append(f"  {changed} ballots were stored by the first try and changed by the retry")

    rows = dict(
        DeskItem.objects.filter(title__startswith=f"Fault test {residents.marker}-")
        .values("title")
        .annotate(n=Count("pk"))
        .values_list("title", "n")
    )
    lost = [o for o in desks if o.accepted and rows.get(o.key, 0) == 0]
    doubled = [o for o in desks if rows.get(o.key, 0) > 1]
    unanswered = [o for o in desks if not o.accepted]
    lines.append(
        f"desk submissions: {len(desks)} sent, {sum(o.accepted for o in desks)} accepted, "
        f"{sum(rows.values())} stored; {len(unanswered)} never accepted "
        f"({sum(rows.get(o.key, 0) > 0 for o in unanswered)} of them stored anyway)"
    )
    if lost:
        findings.append(f"LOST: {len(lost)} accepted desk submissions are not stored")
    if doubled:
        findings.append(
            f"DOUBLED: {len(doubled)} desk submissions stored more than once "
            f"({sum(rows[o.key] for o in doubled)} rows): the first try was stored, its answer "
            "lost, and the retry stored it again"
        )

    sent = mails_by_recipient(mail_dir)
    stored_addresses = set(
        DeskItem.objects.filter(title__startswith=f"Fault test {residents.marker}-").values_list(
            "contact_email", flat=True
        )
    )
    # The outbox row of each address's confirmation, if there is one.
    from voorop.core.models import OutgoingMail

    item_address = dict(
        DeskItem.objects.filter(title__startswith=f"Fault test {residents.marker}-").values_list(
            "pk", "contact_email"
        )
    )
    row_of: dict[str, list[str]] = {}
    for ids, sent_at, failed_at in OutgoingMail.objects.filter(kind="loket.received").values_list(
        "ids", "sent_at", "failed_at"
    ):
        address = item_address.get((ids or {}).get("item"))
        if address:
            state = "sent" if sent_at else "failed" if failed_at else "unsent"
            row_of.setdefault(address, []).append(state)
    unsent = [a for a in stored_addresses if sent[a] == 0]
    no_row = [a for a in unsent if a not in row_of]
    queued = [a for a in unsent if "unsent" in row_of.get(a, [])]
    given_up = [a for a in unsent if "failed" in row_of.get(a, [])]
    marked_only = [a for a in unsent if "sent" in row_of.get(a, [])]
    mail_twice = [a for a in stored_addresses if sent[a] > 1]
    lines.append(
        f"confirmation e-mails: {len(stored_addresses)} expected, "
        f"{sum(sent[a] for a in stored_addresses)} sent; of the unsent, {len(no_row)} have no "
        f"outbox row, {len(queued)} are still in the outbox, {len(given_up)} were given up, "
        f"{len(marked_only)} are marked sent"
    )
    if no_row:
        findings.append(f"LOST: {len(no_row)} stored desk submissions have no outbox mail")
    if marked_only:
        findings.append(
            f"LOST: {len(marked_only)} e-mails are marked sent but are not in the mail folder"
        )
    if given_up:
        findings.append(f"NOT SENT: {len(given_up)} e-mails were given up (attempts used up)")
    if queued:
        findings.append(f"NOT YET SENT: {len(queued)} e-mails still in the outbox after the drain")
    if mail_twice:
        findings.append(f"DOUBLED: {len(mail_twice)} addresses got the confirmation twice or more")

    errors = Counter(e for o in residents.outcomes for e in o.errors)
    lines.append(f"answers other than accepted, over all tries: {dict(errors) or 'none'}")
    tasks = Counter(DBTaskResult.objects.values_list("status", flat=True))
    lines.append(f"background tasks: {dict(tasks)}")
    for status in ("READY", "RUNNING", "FAILED"):
        if tasks.get(status):
            findings.append(f"TASKS: {tasks[status]} left {status}")
    return lines, findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=40, help="length of the load")
    parser.add_argument("--residents", type=int, default=12, help="parallel residents")
    parser.add_argument(
        "--drain", type=float, default=60, help="seconds without progress before the count"
    )
    args = parser.parse_args()

    work = harness.scratch("faults")
    mail_dir = work / "mail"
    cluster = Cluster(work)
    findings: list[str] = []
    try:
        cluster.start()
        harness.ensure_database(cluster.url)
        environ = harness.server_environment(cluster.url, work / "data", mail_dir)
        environ["DJANGO_SETTINGS_MODULE"] = "faults_settings"
        print(f"PostgreSQL of its own on port {cluster.port}; demo data ...", flush=True)
        context = prepare(cluster.url, environ, voters=int(args.seconds * 200))
        port = harness.free_port()
        with harness.processes(work) as started:
            web = harness.start_web(started, environ, port, workers=3, threads=2)
            task_command = harness.voorop("serve", "--tasks", "--no-maintenance")
            tasks = started.start("tasks", task_command, environ)
            _wait_for_task_worker(tasks)
            residents = Residents(
                port, context["pages"], secrets.token_hex(16), context["cookies"], context["voters"]
            )
            threads = residents.run(args.residents)
            began = time.monotonic()
            plan = [
                (0.2, "kill a web worker (SIGKILL)"),
                (0.4, "kill the task worker (SIGKILL)"),
                (0.6, "restart PostgreSQL"),
                (0.75, "kill the task worker again (SIGKILL)"),
            ]
            restarts = 0
            while time.monotonic() - began < args.seconds:
                elapsed = time.monotonic() - began
                if plan and elapsed >= plan[0][0] * args.seconds:
                    _, what = plan.pop(0)
                    print(f"  t={elapsed:4.1f} s: {what}", flush=True)
                    if "web worker" in what:
                        workers = procstat.children(web.pid)
                        os.kill(workers[0], signal.SIGKILL)
                    elif "task worker" in what:
                        print(f"    {_kill_mid_task(tasks)}", flush=True)
                    else:
                        cluster.restart()
                if tasks.poll() is not None:  # as systemd's Restart=always
                    tasks = _restart(started, tasks, task_command, environ, began)
                    restarts += 1
                time.sleep(0.1)
            residents.stop.set()
            for thread in threads:
                thread.join(timeout=200)
            print(f"  load stopped; task worker restarted {restarts} times; draining ...")
            _drain(args.drain, started, tasks, task_command, environ)
            lines, findings = count(residents, mail_dir)
    finally:
        cluster.stop()
    print("\nFault test: a web worker killed, the task worker killed twice, PostgreSQL restarted")
    for line in lines:
        print(f"- {line}")
    print("\nFindings:" if findings else "\nNothing lost or doubled.")
    for finding in findings:
        print(f"- {finding}")
    if findings:
        print(f"\nLogs of the servers: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if findings else 0


def _wait_for_task_worker(supervisor, timeout: float = 120) -> None:
    """Until the worker has run a task (startup takes seconds on a busy machine)."""
    from django_tasks_db.models import DBTaskResult

    from voorop.core.tasks import send_email

    send_email.enqueue(subject="Start", body="The task worker runs.", recipients=["x@example.org"])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if DBTaskResult.objects.filter(status="SUCCESSFUL").exists():
            return
        if supervisor.poll() is not None:
            raise RuntimeError("the task worker stopped at its start; see tasks.log")
        time.sleep(0.2)
    raise RuntimeError(f"the task worker ran no task within {timeout:.0f} s")


def _restart(started, tasks, task_command, environ, began):
    code = tasks.returncode
    started.stop(tasks)
    time.sleep(1)  # systemd's RestartSec
    tasks = started.start("tasks", task_command, environ)
    when = f"t={time.monotonic() - began:4.1f} s" if began else "draining"
    print(f"  {when}: task worker had stopped ({code}); started again", flush=True)
    return tasks


def _kill_mid_task(supervisor) -> str:
    """SIGKILL the task worker while it runs a task (polled for up to 5 s), the worst moment:
    the task has started, perhaps sent its e-mail, and is not yet marked done."""
    from django.db import close_old_connections
    from django_tasks_db.models import DBTaskResult

    close_old_connections()
    # A worker restarted a moment ago may still be starting (seconds on a busy machine).
    deadline = time.monotonic() + 60
    while not procstat.children(supervisor.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    deadline = time.monotonic() + 10
    running = False
    while time.monotonic() < deadline:
        try:
            running = DBTaskResult.objects.filter(status="RUNNING").exists()
        except Exception as error:  # the database restarting: kill anyway
            print(f"    (no answer from the database: {type(error).__name__})")
            break
        if running:
            # Past the slow mail's handshake (the message is out), before the task is done.
            time.sleep(slowmail.HANDSHAKE + slowmail.CLOSING / 3)
            break
        time.sleep(0.01)
    victims = procstat.children(supervisor.pid)
    for pid in victims:
        os.kill(pid, signal.SIGKILL)
    moment = "while a task was RUNNING" if running else "between tasks"
    return f"killed {victims} {moment}"


def _drain(seconds: float, started, tasks, task_command, environ) -> None:
    """Let the task worker finish what is queued (restarting it if it died): until no task
    is READY or RUNNING and the mail outbox is empty, or nothing got done for ``seconds``
    (a task of a killed worker comes back after voorop.core.tasks.WORKER_GONE; an unsent
    mail after voorop.core.mail.LEASE)."""
    from django.db import close_old_connections
    from django_tasks_db.models import DBTaskResult

    from voorop.core.models import OutgoingMail

    done, idle_since = -1, time.monotonic()
    while time.monotonic() - idle_since < seconds:
        close_old_connections()
        try:
            waiting = OutgoingMail.objects.filter(sent_at__isnull=True, failed_at__isnull=True)
            if (
                not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()
                and not waiting.exists()
            ):
                return
            now_done = DBTaskResult.objects.exclude(status__in=["READY", "RUNNING"]).count()
            now_done += OutgoingMail.objects.exclude(sent_at=None).count()
        except Exception as error:  # the database may still be coming back
            print(f"  (waiting for the database: {type(error).__name__})")
            now_done = done
        if now_done != done:
            done, idle_since = now_done, time.monotonic()
        if tasks.poll() is not None:
            tasks = _restart(started, tasks, task_command, environ, None)
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
