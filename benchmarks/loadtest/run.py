"""`make loadtest`: Voorop's pages under load, each beside a bare Django view, same server.

Starts `voorop serve --web` (gunicorn, production settings, as behind a TLS proxy) and the task
worker on a PostgreSQL database with the large data set (data.py; made once, reused), then for
every page runs wrk with 50 connections: first the bare view for a few seconds, then the page.
Prints p50/p95/p99, requests per second, the page's p95 as a multiple of the bare view's
(measured just before it, so machine noise hits both alike) and the CPU time per request of the
app server and of PostgreSQL (from /proc). Form posts (the desk form, ballots) are counted in
the database afterwards: every accepted post must have left exactly one row.

    .venv/bin/python benchmarks/loadtest/run.py [--duration 10] [--connections 50]
        [--pages home,ballot] [--servers 2 --workers 1] [--regenerate] [--scale 0.1]
        [--signed-in-bare] [--bare-write] [--pin] [--output table.md]

--signed-in-bare compares a signed-in page with the bare view for the same session;
--bare-write compares a form post with a bare view that writes one row. The issue's goal is
against the bare view that does nothing; these say how much of a page's cost any signed-in
request or any write has too.

DATABASE_URL (default postgres://postgres@127.0.0.1:5432/voorop_loadtest) is dropped and
refilled by --regenerate. Needs wrk (apt-get install wrk) and, for --servers > 1, haproxy.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import harness
import procstat

GOAL_RATIO = 3.0
GOAL_BALLOTS_PER_SECOND = 200


@dataclass
class Page:
    key: str
    name: str
    path: str
    method: str = "GET"
    login: str = ""  # e-mail address of the account the page is seen as
    form: str = ""  # desk | ballot
    body: dict = field(default_factory=dict)
    expect: int = 200


@dataclass
class Run:
    requests: int
    seconds: float
    p50: float
    p95: float
    p99: float
    errors: int
    statuses: dict
    wrapped: int
    sent: int
    web_cpu: float
    db_cpu: float
    task_cpu: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def pages(context: dict, choices: dict) -> list[Page]:
    staff_desk = "loketmedewerker@lindewaard.example"
    admin = "beheerder@lindewaard.example"
    return [
        Page("home", "home", "/"),
        Page("gallery", "initiatives gallery", "/initiatieven/"),
        Page(
            "initiative", "initiative (300 supporters)", f"/initiatieven/{context['initiative']}/"
        ),
        Page("round", "budget round", f"/begroting/{context['result_round']}/"),
        Page(
            "results",
            "round results (20,000 ballots)",
            f"/begroting/{context['result_round']}/uitslag/",
        ),
        Page("challenges", "challenges register", "/uitdaagrecht/register/"),
        Page("events", "events list", "/raad/bijeenkomsten/"),
        Page("assembly", "assembly report", f"/loting/{context['assembly']}/verslag/"),
        Page("queue", "desk queue (desk officer)", "/loket/werkvoorraad/", login=staff_desk),
        Page(
            "admin",
            "round admin (administrator)",
            f"/begroting/{context['voting_round']}/beheer/",
            login=admin,
        ),
        Page("deskform", "desk form (page)", "/loket/"),
        Page(
            "desk",
            "desk form (submit)",
            "/loket/",
            method="POST",
            form="desk",
            body={"kind": choices["desk_kind"], "description": "Een melding van de belastingtest."},
            expect=302,
        ),
        Page(
            "ballot",
            "ballot (cast)",
            f"/begroting/{context['voting_round']}/stemmen/",
            method="POST",
            form="ballot",
            body=choices["ballot_fields"],
            expect=302,
        ),
    ]


def prepare(args, environ: dict[str, str], data_dir: Path) -> dict:
    harness.ensure_database(environ["DATABASE_URL"], fresh=args.regenerate)
    harness.use_environment(environ)
    import data
    from django.core.management import call_command

    from voorop.loket.models import DeskItem

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    marker = data_dir / "context.json"
    context = json.loads(marker.read_text()) if marker.exists() else None
    if (
        args.regenerate
        or context is None
        or DeskItem.objects.count() < context["sizes"]["desk_items"]
    ):
        print(
            f"Making the data set (scale {args.scale}) in {environ['DATABASE_URL']} ...", flush=True
        )
        started = time.perf_counter()
        context = data.populate(scale=args.scale)
        harness.write_json(marker, context)
        print(f"Data set ready in {time.perf_counter() - started:.0f} s", flush=True)
    return context


def form_choices(context: dict) -> dict:
    from voorop.budgeting.models import BudgetRound
    from voorop.loket.models import ItemKind

    budget_round = BudgetRound.objects.get(pk=context["voting_round"])
    cheapest = budget_round.proposals.filter(status="approved").order_by("cost").first()
    return {"desk_kind": ItemKind.SIGNAL.value, "ballot_fields": {f"p{cheapest.pk}": "on"}}


def database_backends(database: str) -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        return [row[0] for row in cursor.fetchall()]


def wrk(url: str, page: Page, *, duration: float, connections: int, extra: dict[str, str]) -> dict:
    environ = {
        **os.environ,
        "LT_METHOD": page.method,
        "LT_PATH": page.path,
        "LT_EXPECT": str(page.expect),
        "LT_FORM": page.form,
        "LT_BODY": urlencode(page.body),
        "LT_THREADS": "2",
        **extra,
    }
    command = [
        "wrk",
        "--threads",
        "2",
        "--connections",
        str(connections),
        "--duration",
        f"{duration:g}s",
        "--timeout",
        "30s",
        "--script",
        str(harness.HERE / "load.lua"),
        url,
    ]
    result = subprocess.run(command, env=environ, capture_output=True, text=True, check=False)
    for line in result.stdout.splitlines():
        if line.startswith("LOADTEST "):
            return json.loads(line.removeprefix("LOADTEST "))
    raise RuntimeError(f"wrk said: {result.stdout}\n{result.stderr}")


class Meter:
    """CPU of the app servers' process trees, the task worker and the database backends."""

    def __init__(self, web_pids: list[int], task_pid: int | None, database: str) -> None:
        self.web_pids, self.task_pid, self.database = web_pids, task_pid, database

    def snapshot(self) -> tuple:
        web = procstat.cpu_seconds([p for pid in self.web_pids for p in procstat.tree(pid)])
        task = procstat.cpu_seconds(procstat.tree(self.task_pid)) if self.task_pid else {}
        db = procstat.cpu_seconds(database_backends(self.database), with_reaped_children=False)
        return web, task, db

    def settle(self, limit: float = 120) -> None:
        """Wait until the app servers and the task worker are idle: requests still queued
        from the previous run (wrk stops, the server finishes what it accepted) and the mails
        its posts left to the task worker (a thousand desk confirmations) must not slow the
        next page."""
        deadline = time.monotonic() + limit
        previous = self.snapshot()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            current = self.snapshot()
            web = procstat.spent_tree(previous[0], current[0])
            task = procstat.spent_tree(previous[1], current[1])
            if web < 0.05 and task < 0.05:
                return
            previous = current
        print(
            f"  (not idle after {limit:.0f} s: the next page is measured beside the backlog)",
            flush=True,
        )

    @staticmethod
    def spent(before: tuple, after: tuple) -> tuple[float, float, float]:
        return (
            procstat.spent_tree(before[0], after[0]),
            procstat.spent_tree(before[1], after[1]),
            procstat.spent_each(before[2], after[2]),
        )


def measure(
    base: str, page: Page, meter: Meter, *, duration: float, connections: int, extra
) -> Run:
    meter.settle()
    before = meter.snapshot()
    out = wrk(f"{base}{page.path}", page, duration=duration, connections=connections, extra=extra)
    web, task, db = Meter.spent(before, meter.snapshot())
    return Run(
        requests=out["requests"],
        seconds=out["duration_us"] / 1e6,
        p50=out["p50_us"] / 1000,
        p95=out["p95_us"] / 1000,
        p99=out["p99_us"] / 1000,
        errors=out["unexpected"] + out["socket_errors"] + out["timeouts"],
        statuses=out["statuses"],
        wrapped=out["wrapped"],
        sent=out["sent"],
        web_cpu=web,
        db_cpu=db,
        task_cpu=task,
    )


def check_page(base: str, page: Page, cookie: str) -> None:
    """One request by hand: the page must answer as the load expects (not a log-in redirect)."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(  # noqa: S310 (loopback)
        f"{base}{page.path}", headers={"X-Forwarded-Proto": "https", "Cookie": cookie}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        raise SystemExit(f"{page.name}: {page.path} answered {status}, not 200")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per page")
    parser.add_argument("--bare-duration", type=float, default=5, help="seconds of the baseline")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--pages", help="comma-separated keys (default: all)")
    parser.add_argument("--servers", type=int, default=1, help="app servers behind haproxy")
    parser.add_argument(
        "--proxy", action="store_true", help="haproxy in front also of a single app server"
    )
    parser.add_argument("--workers", type=int, help="web workers per app server")
    parser.add_argument(
        "--signed-in-bare",
        action="store_true",
        help="for a signed-in page, the bare view with the same session cookie (the fixed "
        "cost of a signed-in request: session, user, two-factor check) instead of anonymous",
    )
    parser.add_argument(
        "--bare-write",
        action="store_true",
        help="for a form post, a bare view that writes one row (a value in a new session) "
        "after the CSRF check, instead of the bare view that writes nothing",
    )
    parser.add_argument(
        "--pin",
        action="store_true",
        help="app server i runs only on core i (taskset): servers on cores of their own",
    )
    parser.add_argument("--threads", type=int, default=2, help="threads per web worker")
    parser.add_argument("--regenerate", action="store_true", help="make the data set anew")
    parser.add_argument("--scale", type=float, default=1.0, help="data set size (1 = full)")
    parser.add_argument("--no-tasks", action="store_true", help="no task worker during the load")
    parser.add_argument("--output", help="also write the table (Markdown) to this file")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    database_url = os.environ.get("DATABASE_URL") or harness.DEFAULT_DATABASE
    if not database_url.startswith("postgres"):
        raise SystemExit("the load test runs on PostgreSQL: DATABASE_URL=postgres://...")
    data_dir = harness.ROOT / "var" / "loadtest" / Path(database_url).name
    data_dir.mkdir(parents=True, exist_ok=True)
    work = harness.scratch("run")
    mail_dir = work / "mail"
    environ = harness.server_environment(database_url, data_dir, mail_dir)
    context = prepare(args, environ, data_dir)

    import data
    from django.conf import settings

    choices = form_choices(context)
    selected = pages(context, choices)
    if args.pages:
        keys = args.pages.split(",")
        unknown = set(keys) - {p.key for p in selected}
        if unknown:
            raise SystemExit(f"unknown pages {sorted(unknown)}; known: {[p.key for p in selected]}")
        selected = [p for p in selected if p.key in keys]
    cookies = {p.login: data.staff_cookie(p.login) for p in selected if p.login}
    csrf = secrets.token_hex(16)  # 32 characters: Django accepts the bare secret as the token
    ballots_needed = int(args.duration * 1500) + 1000
    voter_keys, voter_codes = data.voter_sessions(context["voting_round"], ballots_needed)
    sessions_file = work / "voters.txt"
    sessions_file.write_text("\n".join(voter_keys) + "\n")
    marker = f"lt{secrets.token_hex(3)}"

    workers = args.workers
    from voorop.core.management.commands.serve import default_workers

    workers = workers or default_workers()
    database = Path(database_url).name
    with harness.processes(work) as started:
        ports = [harness.free_port() for _ in range(args.servers)]
        webs = [
            harness.start_web(
                started,
                environ,
                port,
                workers=workers,
                threads=args.threads,
                name=f"web{i}",
                cpus=str(sorted(os.sched_getaffinity(0))[i % len(os.sched_getaffinity(0))])
                if args.pin
                else "",
            )
            for i, port in enumerate(ports)
        ]
        if args.servers > 1 or args.proxy:
            front = harness.free_port()
            harness.start_proxy(started, front, ports, work)
        else:
            front = ports[0]
        task = None
        if not args.no_tasks:
            task = started.start(
                "tasks", harness.voorop("serve", "--tasks", "--no-maintenance"), environ
            )
        base = f"http://127.0.0.1:{front}"
        meter = Meter([w.pid for w in webs], task.pid if task else None, database)
        bare = Page("bare", "bare Django view", "/__bare__/")
        bare_write = Page(
            "bare-write", "bare view writing one row", "/__bare__/write/", "POST", expect=302
        )
        print(
            f"\n{args.servers} app server(s) × {workers} workers × {args.threads} threads"
            f"{', each on a core of its own' if args.pin else ''}, "
            f"{args.connections} connections, {args.duration:g} s per page "
            f"(bare view {args.bare_duration:g} s before each); {os.cpu_count()} cores\n",
            flush=True,
        )
        for page in selected:
            if page.method == "GET":
                check_page(
                    base,
                    page,
                    f"{settings.SESSION_COOKIE_NAME}={cookies[page.login]}" if page.login else "",
                )
        # Unmeasured: every worker's first requests (connections opened, lazy imports) went
        # into the first page's baseline, whose p95 came out 10-20 times the others'.
        wrk(f"{base}{bare.path}", bare, duration=3, connections=args.connections, extra={})
        results = []
        for page in selected:
            extra = {
                "LT_MARKER": marker,
                "LT_CSRF": csrf,
                "LT_CSRF_COOKIE": settings.CSRF_COOKIE_NAME,
                "LT_SESSION_COOKIE": settings.SESSION_COOKIE_NAME,
                "LT_REFERER": f"https://127.0.0.1:{front}{page.path}",
                "LT_COOKIE": f"{settings.SESSION_COOKIE_NAME}={cookies[page.login]}"
                if page.login
                else "",
                "LT_SESSIONS": str(sessions_file) if page.form == "ballot" else "",
            }
            if args.bare_write and page.method == "POST":
                baseline_page = bare_write
                baseline_extra = {**extra, "LT_COOKIE": "", "LT_SESSIONS": ""}
                baseline_extra["LT_REFERER"] = f"https://127.0.0.1:{front}{bare_write.path}"
            else:
                baseline_page = bare
                baseline_extra = {"LT_COOKIE": extra["LT_COOKIE"]} if args.signed_in_bare else {}
            baseline = measure(
                base,
                baseline_page,
                meter,
                duration=args.bare_duration,
                connections=args.connections,
                extra=baseline_extra,
            )
            run = measure(
                base, page, meter, duration=args.duration, connections=args.connections, extra=extra
            )
            results.append((page, run, baseline))
            print(row(page, run, baseline), flush=True)
        counts = count_posts(context, marker, voter_codes, results)

    table = report(results, counts, args, workers)
    print("\n" + table)
    if args.output:
        Path(args.output).write_text(table + "\n")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def row(page: Page, run: Run, baseline: Run) -> str:
    def per_request(cpu: float, requests: int) -> float:
        return cpu / requests * 1000 if requests else 0.0

    app, bare_app = (
        per_request(run.web_cpu, run.requests),
        per_request(baseline.web_cpu, baseline.requests),
    )
    ratio = run.p95 / baseline.p95 if baseline.p95 else float("inf")
    cpu_ratio = app / bare_app if bare_app else float("inf")
    return (
        f"| {page.name} | {app:.1f} | {per_request(run.db_cpu, run.requests):.1f} | "
        f"{run.p50:.0f} | {run.p95:.0f} | {run.p99:.0f} | {run.rps:.0f} | "
        f"{bare_app:.1f} | {baseline.p95:.0f} | {baseline.rps:.0f} | {ratio:.1f} | "
        f"{cpu_ratio:.1f} | {run.errors} |"
    )


HEADER = (
    "| page | app CPU ms/req | DB CPU ms/req | p50 ms | p95 ms | p99 ms | req/s | "
    "bare app CPU ms/req | bare p95 ms | bare req/s | p95 × bare | CPU × bare | errors |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def count_posts(context: dict, marker: str, voter_codes: list[int], results) -> dict:
    """Every accepted post (302) must have left exactly one row, and no request two.

    wrk stops with requests in flight, which the server still completes: so the rows may be
    more than the accepted posts, but never more than the posts sent."""
    from django.db.models import Count

    from voorop.budgeting.models import Ballot
    from voorop.loket.models import DeskItem

    counts = {}
    for page, run, _baseline in results:
        accepted = run.statuses.get("302", 0)
        if page.form == "desk":
            rows = DeskItem.objects.filter(title__startswith=f"Load test {marker}-")
            doubled = rows.values("title").annotate(n=Count("pk")).filter(n__gt=1).count()
            counts[page.name] = (accepted, rows.count(), run.sent, doubled)
        elif page.form == "ballot":
            rows = Ballot.objects.filter(voting_code_id__in=voter_codes)
            # A request past the prepared sessions changes a ballot instead of adding one.
            counts[page.name] = (accepted - run.wrapped, rows.count(), run.sent, 0)
    return counts


def report(results, counts, args, workers: int) -> str:
    lines = [
        f"{args.servers} app server(s) × {workers} gunicorn workers × {args.threads} threads"
        f"{' (app server i on core i only)' if args.pin else ''}, "
        f"{'bare view as the same signed-in user, ' if args.signed_in_bare else ''}"
        f"{'form posts against a bare view writing one row, ' if args.bare_write else ''}"
        f"{args.connections} connections, {args.duration:g} s per page, bare view "
        f"{args.bare_duration:g} s before each; {os.cpu_count()} cores shared with wrk and "
        "PostgreSQL.",
        "",
        HEADER,
        *[row(page, run, baseline) for page, run, baseline in results],
        "",
    ]
    for name, (accepted, stored, sent, doubled) in counts.items():
        verdict = "ok" if accepted <= stored <= sent and not doubled else "MISMATCH"
        lines.append(
            f"- {name}: {accepted} accepted, {stored} stored ({sent} sent, the rest in flight "
            f"at the end), {doubled} stored twice: {verdict}"
        )
    over = [p.name for p, run, b in results if b.p95 and run.p95 / b.p95 > GOAL_RATIO]
    lines.append(
        f"- pages over the goal of p95 ≤ {GOAL_RATIO:g} × bare: {', '.join(over) or 'none'}"
    )
    for page, run, _ in results:
        if page.form == "ballot":
            verdict = "met" if run.rps >= GOAL_BALLOTS_PER_SECOND else "not met"
            lines.append(
                f"- ballots per second: {run.rps:.0f} (goal {GOAL_BALLOTS_PER_SECOND}: {verdict})"
            )
    # A baseline that failed (a refused bare post answers fast) would flatter the ratio.
    errors = sum(run.errors + baseline.errors for _, run, baseline in results)
    lines.append(f"- errors: {errors} (goal 0)")
    for page, run, baseline in results:
        if run.errors:
            lines.append(
                f"  - {page.name}: answers {run.statuses} (expected {page.expect}), "
                f"{run.errors} errors"
            )
        if baseline.errors:
            lines.append(
                f"  - the baseline before {page.name}: answers {baseline.statuses}, "
                f"{baseline.errors} errors"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
