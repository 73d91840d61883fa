"""One-time codes printed on letters (voting codes, registration codes): made here, typed
back by residents, and stored only as a keyed hash.

A code is drawn from an alphabet without look-alikes (no 0/O, 1/I/L), printed in groups of
four (``ABCD-EFGH-JKMN``), and accepted back whatever the case, spaces or dashes. The
database keeps ``HMAC-SHA256(SECRET_KEY, "<purpose>:<scope>:<code>")``: a leaked database
does not reveal the codes, and a code of one round or assembly (the scope) does not work in
another. Changing the SECRET_KEY invalidates every code that was handed out.

The purpose string is part of the stored hash: an app picks one and never changes it
(``voorop-voting-code`` for budget rounds, ``voorop-assembly-code`` for assemblies).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # 31 symbols: no 0/O, 1/I/L
GROUP = 4


def generate(length: int, *, alphabet: str = ALPHABET) -> str:
    """A new random code (``secrets``): 12 symbols of ALPHABET carry about 59 bits."""
    if length < 1:
        raise ValueError("a code needs at least one symbol")
    return "".join(secrets.choice(alphabet) for _ in range(length))


def normalise(text: str) -> str:
    """What the resident typed, as stored: capitals, letters and digits only."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def display(code: str, *, group: int = GROUP) -> str:
    """The code as printed on a letter: groups of four joined by dashes."""
    code = normalise(code)
    return "-".join(code[i : i + group] for i in range(0, len(code), group))


def keyed_hash(purpose: str, scope: object, value: str) -> str:
    """HMAC-SHA256 with the SECRET_KEY of ``"<purpose>:<scope>:<value>"`` as hex.

    ``value`` is hashed as given; use :func:`code_hash` for codes a resident types.
    """
    message = f"{purpose}:{scope}:{value}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def code_hash(purpose: str, scope: object, code: str) -> str:
    """The stored form of a code: the keyed hash of the normalised code."""
    return keyed_hash(purpose, scope, normalise(code))
