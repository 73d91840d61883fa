"""Bursts of parallel guesses never get past a limit: each attempt is written before it is
evaluated (voorop.core.throttle). PostgreSQL only: SQLite serialises every write, so
requests cannot race there.

Before the fix, 50 parallel wrong voting codes were all evaluated (limit 20) and 48 of 50
registration codes (limit 10).
"""

from __future__ import annotations

import threading
from datetime import timedelta
from functools import partial

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings

from tests.budgeting.factories import RoundFactory
from tests.budgeting.factories import voting_code as make_voting_code
from tests.concurrency import postgres_only, race
from tests.sortition.factories import AssemblyFactory, add_invitation
from voorop.budgeting import services as budgeting
from voorop.core import cache, throttle
from voorop.core.models import FailedAttempt
from voorop.sortition import services as sortition

pytestmark = postgres_only

BURST = 50
DB_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "voorop_cache",
    }
}


def _codes(outcomes: list) -> list[str]:
    assert all(isinstance(o, ValidationError) for o in outcomes), outcomes
    return [o.code for o in outcomes]


def test_a_burst_of_attempts_lets_through_at_most_the_limit():
    limit = throttle.Throttle("test.burst", limit=20)
    allowed = [a.allowed for a in race(lambda i: limit.attempt("one-client"), threads=BURST)]
    # Never more than the limit; fewer when refused attempts, counted for a moment before
    # they are taken back, crowd out others (the burst loses, never the limit), down to none
    # when each attempt, as it was counted, saw more than the limit (refused ones not yet
    # taken back).
    assert allowed.count(True) <= 20
    assert FailedAttempt.objects.filter(scope="test.burst").count() == allowed.count(True)
    # Once the burst is over, the limit is exact again.
    while limit.attempt("one-client").allowed:
        pass
    assert FailedAttempt.objects.filter(scope="test.burst").count() == 20


def _voting_codes():
    budget_round = RoundFactory()
    make_voting_code(budget_round)
    return (
        budgeting.WRONG_CODES,
        lambda i: f"WRONG{i:07d}",
        partial(budgeting.voting_code_check, budget_round=budget_round, client="one-client"),
    )


def _registration_codes():
    assembly = AssemblyFactory()
    add_invitation(assembly)
    return (
        sortition.WRONG_CODES,
        lambda i: f"WRNG{i:04d}",
        partial(sortition.registration_code_check, assembly=assembly, client="one-client"),
    )


@pytest.mark.parametrize(
    ("set_up", "limit"),
    [
        pytest.param(_voting_codes, 20, id="voting codes"),
        pytest.param(_registration_codes, 10, id="registration codes"),
    ],
)
def test_a_burst_of_wrong_codes_evaluates_at_most_the_limit(set_up, limit):
    """BURST wrong codes at once, then one at a time. The burst evaluates at most the
    limit; the refused guesses leave no row, so the client still has ``limit - evaluated``
    guesses: wrong codes are evaluated until exactly the limit, and the next is refused. (A
    burst may lose all its guesses, see the first test.)"""
    wrong_codes, code_of, check = set_up()
    assert wrong_codes.limit == limit
    codes = _codes(race(lambda i: check(code=code_of(i)), threads=BURST))
    evaluated = codes.count("wrong")
    print(f"{evaluated} of {BURST} evaluated (limit {limit})")
    assert evaluated <= limit
    assert codes.count("rate_limited") == BURST - evaluated
    assert wrong_codes.remaining("one-client") == limit - evaluated
    later = []
    for index in range(BURST, BURST + limit - evaluated + 1):
        with pytest.raises(ValidationError) as refused:
            check(code=code_of(index))
        later.append(refused.value.code)
    assert later == ["wrong"] * (limit - evaluated) + ["rate_limited"]


def test_right_codes_in_a_burst_are_not_counted_as_guesses():
    budget_round = RoundFactory()
    rows = [make_voting_code(budget_round) for _ in range(15)]
    outcomes = race(
        lambda i: budgeting.voting_code_check(
            budget_round=budget_round, code=rows[i][1], client="library"
        ),
        threads=15,
    )
    # Fifteen residents of one library type their own right codes at once: none is refused
    # and none is counted (an attempt in flight counts for the moment it is looked up).
    assert sorted(o.pk for o in outcomes) == sorted(row.pk for row, _code in rows)
    assert budgeting.WRONG_CODES.remaining("library") == 20


def test_a_burst_against_a_backoff_lets_one_through_per_delay():
    backoff = throttle.Backoff(
        "test.backoff",
        free=0,
        window=timedelta(hours=1),
        first_delay=timedelta(seconds=30),
        max_delay=timedelta(seconds=30),
    )
    lock = threading.Lock()
    evaluated = []

    def guess(i: int) -> bool:
        attempt = backoff.attempt("one-account")
        if attempt.allowed:
            with lock:
                evaluated.append(i)
        return attempt.allowed

    race(guess, threads=BURST)
    assert len(evaluated) <= 1


def test_a_burst_of_reads_counted_in_the_database_cache_lets_through_exactly_the_limit(
    monkeypatch,
):
    """Django's database cache reads and writes back in ``incr``; voorop.core.cache.count
    locks the row first, so no count is lost (review F4)."""
    monkeypatch.setattr(throttle.time, "time", lambda: 1_800_000_000.0)
    with override_settings(CACHES=DB_CACHE):
        call_command("createcachetable", verbosity=0)
        caches["default"].clear()
        limit = throttle.RateLimit("test.read_burst", limit=20)
        before = FailedAttempt.objects.count()
        allowed = [a.allowed for a in race(lambda i: limit.hit("one-client"), threads=BURST)]
        assert allowed.count(True) == 20
        assert cache.count("throttle.test.read_burst", "one-client", 500_000, timeout=60) == 51
        assert FailedAttempt.objects.count() == before
        caches["default"].clear()
