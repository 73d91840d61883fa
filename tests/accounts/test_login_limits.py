"""Limits on password guessing at the one log-in (voorop.accounts.login_limits): per client
address (as the trusted proxy saw it), per account and address, and a growing delay per
account that the owner's own browser does not feel."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account import adapter as allauth_adapter
from django.test import Client
from django.utils import timezone

from tests.accounts.factories import TEST_PASSWORD, UserFactory
from voorop.accounts import login_limits
from voorop.accounts.adapter import AccountAdapter
from voorop.core import throttle
from voorop.core.models import FailedAttempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """The log-ins whose password was actually checked (argon2 in production)."""
    calls: list[str] = []
    real = allauth_adapter.authenticate

    def counting(request, **credentials):
        calls.append(credentials.get("email", ""))
        return real(request, **credentials)

    monkeypatch.setattr(allauth_adapter, "authenticate", counting)
    return calls


def _log_in(client: Client, email: str, password: str, address: str = "203.0.113.5", **extra):
    return client.post(
        "/account/login/",
        {"login": email, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def _error(response) -> str:
    return response.content.decode()


def test_five_wrong_passwords_from_one_address_make_that_address_wait(client, checked):
    user = UserFactory()
    for _ in range(5):
        response = _log_in(client, user.email, "wrong-password")
        assert response.status_code == 200
    assert len(checked) == 5
    response = _log_in(client, user.email, TEST_PASSWORD)
    assert response.status_code == 200
    assert "U heeft te vaak een verkeerd wachtwoord getypt" in _error(response)
    assert len(checked) == 5  # refused before the password was checked: no hashing
    # The owner, at home on another address, logs in at once.
    assert _log_in(Client(), user.email, TEST_PASSWORD, address="198.51.100.7").status_code == 302


def test_one_address_trying_many_accounts_is_stopped(checked):
    client = Client()
    accounts = [f"iemand{n}@example.org" for n in range(31)]
    for email in accounts[:30]:
        assert _log_in(client, email, "wrong-password").status_code == 200
    assert len(checked) == 30
    response = _log_in(client, accounts[30], "wrong-password")
    assert "U heeft te vaak een verkeerd wachtwoord getypt" in _error(response)
    assert len(checked) == 30
    # Another address is not affected.
    assert _log_in(Client(), accounts[30], "wrong-password", address="198.51.100.7")
    assert len(checked) == 31


def test_wrong_passwords_from_everywhere_slow_the_account_down_but_do_not_lock_it(checked):
    user = UserFactory()
    for n in range(10):  # ten strangers, each from their own address
        _log_in(Client(), user.email, "wrong-password", address=f"192.0.2.{n}")
    response = _log_in(Client(), user.email, TEST_PASSWORD, address="198.51.100.7")
    assert response.status_code == 200
    assert "vaak een verkeerd wachtwoord getypt voor dit account" in _error(response)
    assert len(checked) == 10
    # The delay passes (2 seconds after the tenth), and the owner gets in.
    FailedAttempt.objects.update(created_at=timezone.now() - timedelta(seconds=3))
    assert _log_in(Client(), user.email, TEST_PASSWORD, address="198.51.100.7").status_code == 302


def test_the_owners_own_browser_is_not_slowed_down_by_strangers(checked):
    user = UserFactory()
    own = Client()
    assert _log_in(own, user.email, TEST_PASSWORD).status_code == 302
    assert login_limits.DEVICE_COOKIE in own.cookies
    own.post("/account/logout/")
    for n in range(15):
        _log_in(Client(), user.email, "wrong-password", address=f"192.0.2.{n}")
    # A stranger now waits; the browser the owner used before does not.
    refused = _log_in(Client(), user.email, TEST_PASSWORD, address="192.0.2.99")
    assert "voor dit account" in _error(refused)
    assert _log_in(own, user.email, TEST_PASSWORD, address="192.0.2.100").status_code == 302


def test_a_forged_device_cookie_is_ignored(checked):
    user = UserFactory()
    for n in range(10):
        _log_in(Client(), user.email, "wrong-password", address=f"192.0.2.{n}")
    forged = Client()
    forged.cookies[login_limits.DEVICE_COOKIE] = "not-signed"
    assert "voor dit account" in _error(_log_in(forged, user.email, TEST_PASSWORD))


def test_a_successful_log_in_is_not_counted_and_clears_its_address(client, checked):
    user = UserFactory()
    for _ in range(4):
        _log_in(client, user.email, "wrong-password")
    assert _log_in(client, user.email, TEST_PASSWORD).status_code == 302
    client.post("/account/logout/")
    account = login_limits.account_key(user.email)
    pair_rows = FailedAttempt.objects.filter(scope=login_limits.PER_ACCOUNT_CLIENT.scope)
    assert not pair_rows.exists()
    # The four wrong ones still count for the address and the account.
    assert FailedAttempt.objects.filter(scope=login_limits.PER_CLIENT.scope).count() == 4
    assert (
        FailedAttempt.objects.filter(
            scope=login_limits.PER_ACCOUNT.scope, client_hash=account
        ).count()
        == 4
    )


def test_the_account_counts_case_insensitively():
    assert login_limits.account_key(" Anna@Example.org ") == login_limits.account_key(
        "anna@example.org"
    )


def test_behind_a_proxy_each_resident_counts_apart(settings, checked):
    settings.VOOROP_TRUSTED_PROXIES = 1
    user, other = UserFactory(), UserFactory()
    proxy = "10.0.0.2"
    for _ in range(5):
        _log_in(
            Client(), user.email, "wrong-password", address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1"
        )
    # Ten wrong log-ins behind the proxy do not block every resident behind it.
    response = _log_in(
        Client(), other.email, TEST_PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.2"
    )
    assert response.status_code == 302


def test_allauth_reads_the_client_address_from_the_trusted_proxy(settings, rf):
    settings.VOOROP_TRUSTED_PROXIES = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="spoof, 192.0.2.1")
    assert AccountAdapter(request).get_client_ip(request) == "192.0.2.1"
    assert throttle.client_address(request) == "192.0.2.1"


def test_the_refusal_says_how_long_to_wait(rf):
    request = rf.post("/", REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        login_limits.begin(request, "anna@example.org")
    with pytest.raises(login_limits.LoginRefused) as refused:
        login_limits.begin(request, "anna@example.org")
    assert "15 minuten" in refused.value.message
