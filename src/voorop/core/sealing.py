"""Secrets the platform must read back later, stored encrypted (not hashed).

Some secrets cannot be hashed because the platform needs them again: the key of a
resident's authenticator app (to check each new code). They are sealed with Fernet
(AES-128-CBC with HMAC-SHA256, from the ``cryptography`` package) under a key derived from
the SECRET_KEY, so a copy of the database alone reveals nothing. Keys derived from
SECRET_KEY_FALLBACKS still open what was sealed before a key change; without the old key,
sealed secrets are lost (for authenticator apps: the person sets up the app again).
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "sealed:"


def _fernet(secret_key: str, purpose: str) -> Fernet:
    digest = hashlib.sha256(f"voorop-sealing:{purpose}:{secret_key}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys(purpose: str) -> MultiFernet:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(key, purpose) for key in keys])


def seal(text: str, *, purpose: str) -> str:
    """The text encrypted for ``purpose`` (a fixed name per kind of secret)."""
    return PREFIX + _keys(purpose).encrypt(text.encode()).decode("ascii")


def unseal(sealed: str, *, purpose: str) -> str:
    """The text back. Values stored before sealing was introduced are returned as they are.

    Raises ValueError when the value was sealed under a key this installation no longer has.
    """
    if not sealed.startswith(PREFIX):
        return sealed
    try:
        return _keys(purpose).decrypt(sealed[len(PREFIX) :].encode("ascii")).decode()
    except InvalidToken as error:
        raise ValueError("sealed with a key this installation no longer has") from error
