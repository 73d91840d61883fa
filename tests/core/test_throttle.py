"""The limit on wrong guesses per client, and who the client is behind proxies."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils import timezone

from tests.accounts.factories import UserFactory
from voorop.core import maintenance, throttle
from voorop.core.models import FailedAttempt

pytestmark = pytest.mark.django_db


def _request(remote="203.0.113.5", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_a_client_is_refused_after_the_limit_within_the_window():
    limit = throttle.Throttle("test.codes", limit=3)
    for left in (3, 2, 1):
        assert not limit.blocked("a") and limit.remaining("a") == left
        assert limit.attempt("a").allowed
    assert limit.blocked("a") and limit.remaining("a") == 0
    refused = limit.attempt("a")
    assert refused.refused
    assert timedelta(minutes=59) < refused.retry_after <= timedelta(hours=1)
    assert refused.retry_minutes() == 60
    # A refused attempt is not kept: knocking on a closed door does not keep it closed.
    assert FailedAttempt.objects.filter(client_hash="a").count() == 3
    assert limit.attempt("b").allowed
    # Another scope counts apart.
    assert throttle.Throttle("test.other", limit=3).attempt("a").allowed
    FailedAttempt.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    assert not limit.blocked("a")
    assert limit.attempt("a").allowed


def test_a_forgiven_attempt_does_not_count():
    limit = throttle.Throttle("test.codes", limit=2)
    for _ in range(5):
        attempt = limit.attempt("a")
        assert attempt.allowed
        attempt.forgive()
        attempt.forgive()  # twice is harmless
    assert limit.remaining("a") == 2
    limit.attempt("a")
    assert limit.clear("a") == 1
    assert limit.remaining("a") == 2


def test_the_wait_is_until_the_oldest_counted_attempt_leaves_the_window():
    limit = throttle.Throttle("test.codes", limit=2, window=timedelta(minutes=10))
    limit.attempt("a")
    limit.attempt("a")
    FailedAttempt.objects.filter(pk=FailedAttempt.objects.order_by("pk").first().pk).update(
        created_at=timezone.now() - timedelta(minutes=8)
    )
    refused = limit.attempt("a")
    assert timedelta(minutes=1) < refused.retry_after <= timedelta(minutes=2)
    assert refused.retry_minutes() == 2


def test_a_backoff_doubles_the_wait_but_never_locks():
    backoff = throttle.Backoff(
        "test.login",
        free=2,
        window=timedelta(hours=1),
        first_delay=timedelta(seconds=10),
        max_delay=timedelta(seconds=60),
    )
    assert [backoff.delay_after(n).total_seconds() for n in range(7)] == [0, 0, 10, 20, 40, 60, 60]
    assert backoff.attempt("a").allowed and backoff.attempt("a").allowed
    refused = backoff.attempt("a")  # two failures: the next one waits 10 s after the last
    assert refused.refused and timedelta(seconds=8) < refused.retry_after <= timedelta(seconds=10)
    assert FailedAttempt.objects.filter(scope="test.login").count() == 2
    FailedAttempt.objects.update(created_at=timezone.now() - timedelta(seconds=11))
    assert backoff.attempt("a").allowed  # the wait has passed: one more try
    refused = backoff.attempt("a")
    assert refused.refused and refused.retry_after > timedelta(seconds=15)  # now 20 s
    # Other keys are not slowed down.
    assert backoff.attempt("b").allowed
    # However many failures, an attempt gets through after max_delay.
    FailedAttempt.objects.bulk_create(
        FailedAttempt(scope="test.login", client_hash="a") for _ in range(50)
    )
    FailedAttempt.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    assert backoff.attempt("a").allowed
    assert backoff.clear("a") == 54


def test_a_throttle_refuses_nonsense():
    with pytest.raises(ValueError):
        throttle.Throttle("", limit=3)
    with pytest.raises(ValueError):
        throttle.Throttle("x", limit=0)
    with pytest.raises(ValueError):
        throttle.Throttle("x", limit=1, window=timedelta(days=2))
    with pytest.raises(ValueError):
        throttle.Backoff(
            "x",
            free=1,
            window=timedelta(hours=1),
            first_delay=timedelta(0),
            max_delay=timedelta(seconds=1),
        )


def test_old_attempts_are_pruned_by_the_daily_job():
    limit = throttle.Throttle("test.codes", limit=3)
    limit.attempt("a")
    limit.attempt("b")
    FailedAttempt.objects.filter(client_hash="a").update(
        created_at=timezone.now() - timedelta(days=2)
    )
    assert "core.prune_failed_attempts" in {job.name for job in maintenance.jobs()}
    assert throttle.prune() == 1
    assert list(FailedAttempt.objects.values_list("client_hash", flat=True)) == ["b"]


def test_without_proxies_x_forwarded_for_is_ignored(settings):
    settings.VOOROP_TRUSTED_PROXIES = 0
    request = _request(forwarded="198.51.100.1")
    assert throttle.client_address(request) == "203.0.113.5"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "spoofed, 198.51.100.1", "198.51.100.1"),
        (1, "10.0.0.1, 198.51.100.1", "198.51.100.1"),
        (2, "10.0.0.1, 198.51.100.1, 172.16.0.2", "198.51.100.1"),
        (2, "198.51.100.1", "203.0.113.5"),  # fewer entries than proxies: none trusted
        (1, "", "203.0.113.5"),
        (1, "not-an-address", "203.0.113.5"),
        (1, "198.51.100.1:4711", "198.51.100.1"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
    ],
)
def test_behind_n_proxies_the_nth_address_from_the_right_is_the_client(
    settings, proxies, forwarded, expected
):
    settings.VOOROP_TRUSTED_PROXIES = proxies
    assert throttle.client_address(_request(forwarded=forwarded)) == expected


def test_a_wrong_number_of_proxies_is_refused_in_plain_words(settings):
    settings.VOOROP_TRUSTED_PROXIES = " 1 "
    assert throttle.trusted_proxies() == 1
    assert throttle.check_trusted_proxies() == []
    for wrong in ("one", "-1", ""):
        settings.VOOROP_TRUSTED_PROXIES = wrong
        with pytest.raises(ImproperlyConfigured, match="whole number of 0 or more"):
            throttle.trusted_proxies()
        assert [error.id for error in throttle.check_trusted_proxies()] == ["voorop.E001"]


def test_the_client_key_is_a_keyed_hash_per_ipv4_address_or_ipv6_64(settings):
    settings.VOOROP_TRUSTED_PROXIES = 0
    key = throttle.client_key(_request("203.0.113.5"))
    assert len(key) == 64 and "203.0.113.5" not in key
    assert key != throttle.client_key(_request("203.0.113.6"))
    assert throttle.client_key(_request("::ffff:203.0.113.5")) == key
    phone = throttle.client_key(_request("2001:db8:1:2::10"))
    assert phone == throttle.client_key(_request("2001:db8:1:2:ffff::1"))
    assert phone != throttle.client_key(_request("2001:db8:1:3::10"))
    settings.SECRET_KEY = "another-key"
    assert throttle.client_key(_request("203.0.113.5")) != key


def test_staff_typing_codes_for_others_count_per_account():
    one, two = UserFactory(), UserFactory()
    assert throttle.user_key(one) != throttle.user_key(two)
    assert throttle.user_key(one) != throttle.client_key(_request())
