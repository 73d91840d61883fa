"""Limits on password guessing at the one log-in (residents and staff alike).

Three limits, each written before the password is checked (so a burst cannot slip past, and
a refused attempt never costs an argon2 hash), kept in the shared table of
`voorop.core.throttle`, keyed on keyed hashes only:

1. **per client address** (the address the trusted proxy saw, see
   ``throttle.client_address``): at most ``PER_CLIENT.limit`` wrong passwords in 15 minutes,
   whatever the account. Stops one machine from trying many accounts, and bounds the
   memory and CPU a single client can make the server spend on hashing.
2. **per account and client**: at most ``PER_ACCOUNT_CLIENT.limit`` wrong passwords for one
   account from one address in 15 minutes. Only that address has to wait; the owner
   elsewhere is not affected.
3. **per account, from anywhere**: no lock, a delay (``PER_ACCOUNT``): after 10 wrong
   passwords in an hour, each next attempt waits 2 seconds after the previous one, doubling
   to at most 5 minutes. A browser in which the owner logged in before (it carries a signed
   *device cookie* naming the account) is exempt, so a stranger who types wrong passwords
   for someone else's address slows down the guessers, not the owner.

A successful log-in takes its own attempts back and clears limit 2 for that address and
account (whoever knows the password need not guess it). The codes of two-factor
authentication have allauth's own limit (``ACCOUNT_RATE_LIMITS["login_failed"]``), reached
only with the right password.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from voorop.core import throttle
from voorop.core.throttle import Attempt, Backoff, Throttle

PER_CLIENT = Throttle("accounts.login.client", limit=30, window=timedelta(minutes=15))
PER_ACCOUNT_CLIENT = Throttle(
    "accounts.login.account_client", limit=5, window=timedelta(minutes=15)
)
PER_ACCOUNT = Backoff(
    "accounts.login.account",
    free=10,
    window=timedelta(hours=1),
    first_delay=timedelta(seconds=2),
    max_delay=timedelta(minutes=5),
)

DEVICE_COOKIE = "voorop_device"
DEVICE_COOKIE_AGE = timedelta(days=180)
_DEVICE_SALT = "voorop.accounts.device"
_DEVICE_ACCOUNTS = 5  # a shared family computer: remember a few accounts


class LoginRefused(Exception):
    """Too many wrong passwords: the message says for how long, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class LoginAttempt:
    account_key: str
    client_key: str
    attempts: list[Attempt] = field(default_factory=list)

    def succeeded(self) -> None:
        for attempt in self.attempts:
            attempt.forgive()
        PER_ACCOUNT_CLIENT.clear(_pair(self.account_key, self.client_key))


def account_key(login: str) -> str:
    """The keyed hash a limit counts an account on: the typed address, case-insensitive,
    so that also guesses for addresses without an account are limited the same way."""
    return throttle.keyed("login-account", login.strip().lower())


def _pair(account: str, client: str) -> str:
    return throttle.keyed("login-account-client", f"{account}:{client}")


def begin(request: HttpRequest, login: str) -> LoginAttempt:
    """Count one password attempt before it is checked; raise LoginRefused to stop it."""
    account = account_key(login)
    client = throttle.client_key(request)
    checks: list[tuple[Throttle | Backoff, str]] = [
        (PER_CLIENT, client),
        (PER_ACCOUNT_CLIENT, _pair(account, client)),
    ]
    if account not in _remembered_accounts(request):
        checks.append((PER_ACCOUNT, account))
    result = LoginAttempt(account_key=account, client_key=client)
    for limit, key in checks:
        attempt = limit.attempt(key)
        if attempt.refused:
            # Not checked, so not a wrong password either: take back what was counted.
            for earlier in result.attempts:
                earlier.forgive()
            raise LoginRefused(_refusal(limit, attempt))
        result.attempts.append(attempt)
    return result


def _refusal(limit: Throttle | Backoff, attempt: Attempt) -> str:
    seconds = int(attempt.retry_after.total_seconds()) if attempt.retry_after else 60
    if seconds < 90:
        wait = ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    else:
        minutes = attempt.retry_minutes()
        wait = ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    if limit is PER_ACCOUNT:
        return _(
            "Someone has often typed a wrong password for this account. To protect it, you "
            "can try again in %(wait)s. Forgot your password? Choose a new one with the link "
            "below."
        ) % {"wait": wait}
    return _(
        "You typed a wrong password too often. Try again in %(wait)s, or choose a new "
        "password with the link below."
    ) % {"wait": wait}


# --- device cookie -------------------------------------------------------------------------


def _remembered_accounts(request: HttpRequest) -> list[str]:
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value:
        return []
    try:
        accounts = signing.loads(
            value, salt=_DEVICE_SALT, max_age=DEVICE_COOKIE_AGE.total_seconds()
        )
    except signing.BadSignature:
        return []
    return [a for a in accounts if isinstance(a, str)] if isinstance(accounts, list) else []


def remember_device(request: HttpRequest, response: HttpResponse, login: str) -> None:
    """After a complete log-in (password and, where set up, the second step): this browser
    may log in to the account even while strangers' wrong passwords slow it down."""
    account = account_key(login)
    accounts = [account, *(a for a in _remembered_accounts(request) if a != account)]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(accounts[:_DEVICE_ACCOUNTS], salt=_DEVICE_SALT),
        max_age=int(DEVICE_COOKIE_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
