"""CPU of a page in one process: GET it 20 times through the whole request path (the load
test's settings and data) and print the app's CPU per view; --profile prints where it goes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loadtest_writes PYTHONPATH=src \\
        .venv/bin/python benchmarks/loadtest/profile_page.py /loket/werkvoorraad/ \\
        [--login loketmedewerker@lindewaard.example] [--profile] [--queries]

Needs a database that run.py prepared (its data and collected static files).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time

import harness


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--login", default="loketmedewerker@lindewaard.example")
    parser.add_argument("--views", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--queries", action="store_true", help="print one view's statements")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    data_dir = harness.ROOT / "var" / "loadtest" / database_url.rsplit("/", 1)[-1]
    work = harness.scratch("profile-page")
    harness.use_environment(harness.server_environment(database_url, data_dir, work / "mail"))

    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    if args.login:
        client.force_login(get_user_model().objects.get(email=args.login))
    for path in args.paths:
        if client.get(path, secure=True).status_code != 200:
            raise SystemExit(f"{path} did not answer 200")
        profiler = cProfile.Profile(time.process_time) if args.profile else None
        cpu, wall = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        for _ in range(args.views):
            client.get(path, secure=True)
        if profiler:
            profiler.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(
            f"{path}: {cpu / args.views * 1000:.1f} ms app CPU per view "
            f"({wall / args.views * 1000:.1f} ms wall)"
        )
        if profiler:
            lines = int(os.environ.get("PROFILE_LINES", "40"))  # more to see deeper calls
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(lines)
        if args.queries:
            harness.print_statements(lambda path=path: client.get(path, secure=True))


if __name__ == "__main__":
    main()
