"""Shared harness for the PostgreSQL race tests: start several requests at the same moment."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

THREADS = 8

# Module marks for a race test: real transactions, PostgreSQL only.
postgres_only = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite locks the whole database per write, so requests cannot race there; "
        "run with DATABASE_URL=postgres://... to test the row-level race",
    ),
]


def race(work: Callable[[int], object], threads: int = THREADS) -> list:
    """Run work(0..threads-1) in parallel threads released together; the results, with any
    exception in place of a result (for the test to assert on)."""
    barrier = threading.Barrier(threads)
    outcomes: list = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes.append(work(index))
        except Exception as error:  # collected and asserted on by the caller
            outcomes.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return outcomes
