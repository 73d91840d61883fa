"""A limit on wrong guesses per client, for one-time codes typed by residents.

Codes of 12 symbols are too many to guess anyway; the limit is a second line that makes
trying pointless. Each app declares its own limit with a scope::

    VOTING_CODES = Throttle("budgeting.voting_code", limit=20)

    client = throttle.client_key(request)
    if VOTING_CODES.blocked(client):
        ...  # refuse, also a correct code, until the window has passed
    if wrong:
        VOTING_CODES.record(client)

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
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils import timezone

from voorop.core.models import FailedAttempt

# Rows older than this are deleted by the daily job; no limit may look further back.
KEPT_FOR = timedelta(days=1)


@dataclass(frozen=True)
class Throttle:
    """At most ``limit`` wrong attempts per client in ``window``; then every attempt of that
    client in this scope is refused until the oldest counted one is out of the window."""

    scope: str
    limit: int
    window: timedelta = timedelta(hours=1)

    def __post_init__(self) -> None:
        if not 0 < len(self.scope) <= 50:
            raise ValueError("a throttle scope has 1 to 50 characters")
        if self.limit < 1:
            raise ValueError("a throttle limit is at least 1")
        if not timedelta(0) < self.window <= KEPT_FOR:
            raise ValueError(f"a throttle window is longer than 0 and at most {KEPT_FOR}")

    def _recent(self, client: str):
        since = timezone.now() - self.window
        return FailedAttempt.objects.filter(
            scope=self.scope, client_hash=client, created_at__gte=since
        )

    def blocked(self, client: str) -> bool:
        """True when the client made ``limit`` wrong attempts within the window."""
        return self._recent(client).count() >= self.limit

    def record(self, client: str) -> None:
        """Count one wrong attempt. Call it outside a transaction that is rolled back with
        the refusal, or the count is lost."""
        FailedAttempt.objects.create(scope=self.scope, client_hash=client)

    def remaining(self, client: str) -> int:
        return max(0, self.limit - self._recent(client).count())


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


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address (IPv6: its /64), for counting attempts."""
    text = client_address(request)
    address = _valid_ip(text)
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            text = str(address.ipv4_mapped)
        else:
            text = str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    message = f"voorop-client:{text}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def user_key(user) -> str:
    """A key for a signed-in staff member typing codes for others (paper ballots, paper
    replies): their mistakes count against their account, not against the address of the
    town hall, where residents may be trying their own codes."""
    message = f"voorop-user:{user.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@checks.register(checks.Tags.security)
def check_trusted_proxies(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    try:
        trusted_proxies()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="voorop.E001")]
    return []
