"""A burst of parallel wrong passwords never gets more checks than the limits allow
(each attempt is written before the password is hashed). PostgreSQL only."""

from __future__ import annotations

from allauth.account import adapter as allauth_adapter
from django.test import Client

from tests.accounts.factories import UserFactory
from tests.concurrency import postgres_only, race
from voorop.accounts import login_limits

pytestmark = postgres_only

BURST = 20


def test_a_burst_of_wrong_passwords_is_checked_at_most_five_times(monkeypatch):
    user = UserFactory()
    checked = []
    real = allauth_adapter.authenticate

    def counting(request, **credentials):
        checked.append(credentials.get("email"))
        return real(request, **credentials)

    monkeypatch.setattr(allauth_adapter, "authenticate", counting)

    def wrong(i: int) -> int:
        response = Client().post(
            "/account/login/",
            {"login": user.email, "password": f"wrong-{i}"},
            REMOTE_ADDR="203.0.113.5",
        )
        return response.status_code

    outcomes = race(wrong, threads=BURST)
    assert outcomes == [200] * BURST, outcomes
    print(f"passwords checked: {len(checked)} of {BURST} (limit 5)")
    # None checked is allowed too: when more than the limit were written before the first
    # was counted, every attempt of the burst is refused (tests/core/test_throttle_race.py).
    assert len(checked) <= login_limits.PER_ACCOUNT_CLIENT.limit == 5
