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

    def wrong(i: int):
        return Client().post(
            "/account/login/",
            {"login": user.email, "password": f"wrong-{i}"},
            REMOTE_ADDR="203.0.113.5",
        )

    outcomes = race(lambda i: wrong(i).status_code, threads=BURST)
    assert outcomes == [200] * BURST, outcomes
    print(f"passwords checked: {len(checked)} of {BURST} (limit 5)")
    # None checked is allowed too: when each attempt, as it was counted, saw more than the
    # limit (refused ones not yet taken back), the whole burst is refused
    # (tests/core/test_throttle_race.py).
    assert len(checked) <= login_limits.PER_ACCOUNT_CLIENT.limit == 5
    # Refused attempts leave nothing behind: one at a time, wrong passwords are checked
    # until exactly the limit, and the next is refused before its password is checked.
    for left in range(5 - len(checked), 0, -1):
        before = len(checked)
        assert wrong(BURST + left).status_code == 200
        assert len(checked) == before + 1
    response = wrong(BURST + 6)
    assert len(checked) == 5
    assert response.status_code == 200
    assert "U heeft te vaak een verkeerd wachtwoord getypt." in response.content.decode()
