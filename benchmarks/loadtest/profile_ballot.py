"""Where a ballot's CPU goes: cast ballots in this process through the whole request path
(the production settings' middleware, session, CSRF, the view, the service, the template
of the answer) and print the CPU time per ballot and the functions that cost most.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/profile_ballot PYTHONPATH=src \\
        .venv/bin/python benchmarks/loadtest/profile_ballot.py [--ballots 300] [--profile]

Makes the demo municipality in that database the first time. The CPU per ballot is this
process's (the app's) only; the database's own CPU is not in it (run.py measures both).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import secrets
import time

import harness


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="print the costliest calls")
    parser.add_argument("--queries", action="store_true", help="print one ballot's statements")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("DATABASE_URL=postgres://... please")
    harness.ensure_database(database_url)
    work = harness.scratch("profile")
    environ = harness.server_environment(database_url, work / "data", work / "mail")
    environ["LT_SECRET_KEY"] = environ["SECRET_KEY"]
    harness.use_environment(environ)

    import data
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from voorop.budgeting.models import BudgetRound

    call_command("migrate", verbosity=0)
    voting = [r for r in BudgetRound.objects.order_by("pk") if r.phase.key == "voting"]
    if not voting:
        call_command("demo", reset=True, verbosity=0)
        voting = [r for r in BudgetRound.objects.order_by("pk") if r.phase.key == "voting"]
    budget_round = voting[0]
    cheapest = budget_round.proposals.filter(status="approved").order_by("cost").first()
    warm = 20
    keys, _codes = data.voter_sessions(budget_round.pk, args.ballots + warm)
    csrf = secrets.token_hex(16)
    path = f"/begroting/{budget_round.pk}/stemmen/"
    body = {"csrfmiddlewaretoken": csrf, f"p{cheapest.pk}": "on"}

    # One client, as one server process: its handler loads the middleware once.
    client = Client(
        enforce_csrf_checks=True,
        SERVER_NAME="127.0.0.1",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        HTTP_REFERER=f"https://127.0.0.1{path}",
    )

    def cast(key: str) -> None:
        client.cookies.clear()
        client.cookies[settings.CSRF_COOKIE_NAME] = csrf
        client.cookies[settings.SESSION_COOKIE_NAME] = key
        response = client.post(path, body, secure=True)
        if response.status_code != 302:
            raise SystemExit(f"ballot not accepted: {response.status_code}")

    for key in keys[:warm]:
        cast(key)
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    for key in keys[warm:]:
        cast(key)
    if profiler:
        profiler.disable()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - started
    print(
        f"{args.ballots} ballots: {cpu / args.ballots * 1000:.1f} ms app CPU per ballot "
        f"({wall / args.ballots * 1000:.1f} ms wall){' with the profiler on' if profiler else ''}"
    )
    if args.queries:
        extra_keys, _codes = data.voter_sessions(budget_round.pk, 1)
        harness.print_statements(lambda: cast(extra_keys[0]))
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
