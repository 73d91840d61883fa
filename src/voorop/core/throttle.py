"""Limits on guessing: one-time codes typed by residents, passwords at log-in.

Codes of 12 symbols are too many to guess anyway; the limit is a second line that makes
trying pointless. Each app declares its own limit with a scope::

    VOTING_CODES = Throttle("budgeting.voting_code", limit=20)

    attempt = VOTING_CODES.attempt(throttle.client_key(request))
    if attempt.refused:
        ...  # refuse, also a correct code, until attempt.retry_after has passed
    found = look_up(code)
    if found is not None:
        attempt.forgive()  # a real code is not a guess
    ...

**Counted before it is evaluated.** ``attempt()`` first writes the attempt, then counts the
attempts in the window, its own included, and lets it through only while the count is within
the limit. A burst of parallel requests therefore cannot all pass a check before any of them
is recorded: the k-th attempt to be written sees at least k rows, so at most ``limit`` wrong
guesses are ever evaluated per window (tests/core/test_throttle_race.py proves it on
PostgreSQL). A refused attempt removes its own row again, so hammering a closed door does not
keep it closed; a forgiven attempt (the guess was right) is removed too. The rows live in one
table shared by every process (``core.FailedAttempt``), so the limit holds across web
workers and restarts. Call ``attempt()`` outside a transaction: inside one, its row is
invisible to the others until commit, and a rollback would lose the count.

``RateLimit`` is for reads (the open data API): a request is no guess, and writing a row
for every read would make every read a write. It counts requests per client in fixed
windows (the clock hour) in the shared cache (voorop.core.cache.count: atomic, shared by
every app server) and writes no row of its own. A client may thus make up to twice the
limit across the turn of a window, and a cache that is down lets every request through.

``Backoff`` is the other shape: no hard limit, but a delay that doubles with every wrong
attempt past a free number (log-in per account; see voorop.accounts.login_limits).

Who "the client" is: the IP address of the peer (``REMOTE_ADDR``), or, when the deployment
says it sits behind N reverse proxies (``VOOROP_TRUSTED_PROXIES``), the address the
outermost of them saw: the N-th entry of ``X-Forwarded-For`` from the right. Entries further
left were written by the client itself and are never trusted. IPv6 addresses count per /64
(one household or phone). Only a keyed hash of the address is stored, and rows go after a day
(`prune`, a daily job).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from voorop.core import cache
from voorop.core.inserts import insert
from voorop.core.models import FailedAttempt

# Rows older than this are deleted by the daily job; no limit may look further back.
KEPT_FOR = timedelta(days=1)


@dataclass
class Attempt:
    """One guess, written before it is evaluated. ``refused`` attempts must not be evaluated."""

    scope: str
    row_id: int | None
    refused: bool = False
    retry_after: timedelta | None = None  # when refused: how long to wait at least

    @property
    def allowed(self) -> bool:
        return not self.refused

    def forgive(self) -> None:
        """The guess was right (or a real code that cannot be used any more): it is no
        wrong attempt and stops counting. Calling it twice is harmless."""
        if self.row_id is not None:
            FailedAttempt.objects.filter(pk=self.row_id).delete()
            self.row_id = None

    def retry_minutes(self) -> int:
        """The wait in whole minutes, rounded up, for a message to a person (at least 1)."""
        seconds = self.retry_after.total_seconds() if self.retry_after else 60
        return max(1, math.ceil(seconds / 60))


def _validate(scope: str, window: timedelta) -> None:
    if not 0 < len(scope) <= 50:
        raise ValueError("a throttle scope has 1 to 50 characters")
    if not timedelta(0) < window <= KEPT_FOR:
        raise ValueError(f"a throttle window is longer than 0 and at most {KEPT_FOR}")


def _rows(scope: str, client: str, since) -> QuerySet[FailedAttempt]:
    return FailedAttempt.objects.filter(scope=scope, client_hash=client, created_at__gte=since)


@dataclass(frozen=True)
class Throttle:
    """At most ``limit`` wrong attempts per client in ``window``; then every attempt of that
    client in this scope is refused until the oldest counted one is out of the window."""

    scope: str
    limit: int
    window: timedelta = timedelta(hours=1)

    def __post_init__(self) -> None:
        _validate(self.scope, self.window)
        if self.limit < 1:
            raise ValueError("a throttle limit is at least 1")

    def _recent(self, client: str) -> QuerySet[FailedAttempt]:
        return _rows(self.scope, client, timezone.now() - self.window)

    def attempt(self, client: str) -> Attempt:
        """Write this attempt, then count: refused (and not kept) beyond the limit."""
        row = FailedAttempt(scope=self.scope, client_hash=client)
        insert(row)  # committed before it is counted: autocommit (see the module text)
        recent = self._recent(client)
        if recent.count() <= self.limit:
            return Attempt(self.scope, row.pk)
        row.delete()
        return Attempt(self.scope, None, refused=True, retry_after=self._wait(client))

    def _wait(self, client: str) -> timedelta:
        """How long until one more attempt fits: when enough of the oldest have expired."""
        times = list(self._recent(client).order_by("created_at").values_list("created_at"))
        if len(times) < self.limit:
            return timedelta(0)
        frees_up = times[len(times) - self.limit][0] + self.window
        return max(frees_up - timezone.now(), timedelta(seconds=1))

    def blocked(self, client: str) -> bool:
        """True when the client made ``limit`` wrong attempts within the window. For showing
        a warning only: guard with ``attempt()``, which cannot be raced."""
        return self._recent(client).count() >= self.limit

    def remaining(self, client: str) -> int:
        return max(0, self.limit - self._recent(client).count())

    def clear(self, client: str) -> int:
        """Forget the client's attempts in this scope (e.g. after a successful log-in)."""
        deleted, _rows_by_model = FailedAttempt.objects.filter(
            scope=self.scope, client_hash=client
        ).delete()
        return deleted


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` requests per client in each ``window`` (counted from the epoch:
    the clock hour), counted in the shared cache: no database row per request."""

    scope: str
    limit: int
    window: timedelta = timedelta(hours=1)

    def __post_init__(self) -> None:
        _validate(self.scope, self.window)
        if self.limit < 1:
            raise ValueError("a rate limit is at least 1")

    def hit(self, client: str) -> Attempt:
        """Count this request; refused beyond the limit, until the window turns."""
        seconds = max(1, int(self.window.total_seconds()))
        now = time.time()
        window = int(now // seconds)
        left = max(1, math.ceil((window + 1) * seconds - now))
        count = cache.count(f"throttle.{self.scope}", client, window, timeout=left)
        if count is None or count <= self.limit:
            return Attempt(self.scope, None)
        return Attempt(self.scope, None, refused=True, retry_after=timedelta(seconds=left))


@dataclass(frozen=True)
class Backoff:
    """A delay instead of a lock: the first ``free`` wrong attempts in ``window`` pass at
    once; after that each attempt must wait ``first_delay``, doubled for every further wrong
    attempt, at most ``max_delay``, after the previous one. A stranger can slow a key down
    but never shut it: one attempt per ``max_delay`` always gets through.

    Race-free like Throttle: the attempt is written first, and it is refused while any
    other attempt lies within the delay before it, also one written at the same moment (two
    parallel attempts both refuse rather than both pass).
    """

    scope: str
    free: int
    window: timedelta
    first_delay: timedelta
    max_delay: timedelta

    def __post_init__(self) -> None:
        _validate(self.scope, self.window)
        if self.free < 0 or self.first_delay <= timedelta(0) or self.max_delay < self.first_delay:
            raise ValueError("a backoff needs free >= 0 and 0 < first_delay <= max_delay")

    def delay_after(self, failures: int) -> timedelta:
        """The wait before the next attempt once ``failures`` wrong attempts were made."""
        if failures < self.free:
            return timedelta(0)
        doublings = min(failures - self.free, 30)  # 2**30 seconds is past any max_delay
        return min(self.first_delay * 2**doublings, self.max_delay)

    def attempt(self, client: str) -> Attempt:
        row = FailedAttempt(scope=self.scope, client_hash=client)
        insert(row)
        others = _rows(self.scope, client, timezone.now() - self.window).exclude(pk=row.pk)
        delay = self.delay_after(others.count())
        if not delay:
            return Attempt(self.scope, row.pk)
        latest = (
            others.filter(created_at__gt=row.created_at - delay)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        if latest is None:
            return Attempt(self.scope, row.pk)
        row.delete()
        wait = max(latest + delay - timezone.now(), timedelta(seconds=1))
        return Attempt(self.scope, None, refused=True, retry_after=wait)

    def clear(self, client: str) -> int:
        deleted, _rows_by_model = FailedAttempt.objects.filter(
            scope=self.scope, client_hash=client
        ).delete()
        return deleted


def prune() -> int:
    """Daily job: forget attempts older than a day."""
    deleted, _rows = FailedAttempt.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    return deleted


# --- who is the client ------------------------------------------------------------------


def trusted_proxies() -> int:
    """How many reverse proxies in front of Voorop append to X-Forwarded-For (0: none)."""
    value = settings.VOOROP_TRUSTED_PROXIES
    try:
        count = int(str(value).strip())
    except ValueError:
        count = -1
    if count < 0:
        raise ImproperlyConfigured(
            f"VOOROP_TRUSTED_PROXIES must be a whole number of 0 or more, not {value!r}."
        )
    return count


def _valid_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "192.0.2.1:443"
        text = text.split(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address as this deployment can trust it (see the module text)."""
    direct = request.META.get("REMOTE_ADDR", "") or ""
    proxies = trusted_proxies()
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        # Fewer entries than proxies: the request did not come through all of them, so
        # none of the entries can be trusted; the peer is the best we know.
        if len(hops) >= proxies:
            address = _valid_ip(hops[-proxies])
            if address is not None:
                return str(address)
    address = _valid_ip(direct)
    return str(address) if address is not None else direct


def keyed(kind: str, value: str) -> str:
    """A keyed hash (HMAC-SHA256 with the SECRET_KEY) of ``value``: what a limit counts on
    when the thing itself (an address, an e-mail address) must not be stored."""
    message = f"voorop-{kind}:{value}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address (IPv6: its /64), for counting attempts."""
    text = client_address(request)
    address = _valid_ip(text)
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            text = str(address.ipv4_mapped)
        else:
            text = str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return keyed("client", text)


def user_key(user) -> str:
    """A key for a signed-in staff member typing codes for others (paper ballots, paper
    replies): their mistakes count against their account, not against the address of the
    town hall, where residents may be trying their own codes."""
    return keyed("user", str(user.pk))


@checks.register(checks.Tags.security)
def check_trusted_proxies(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    try:
        trusted_proxies()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="voorop.E001")]
    return []
