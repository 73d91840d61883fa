"""Personal links without log-in (a member's own page, an invitation to a consultation).

The token is derived when it is needed, from a random salt stored on the row and the
SECRET_KEY, so a mail can be rendered by the worker from an id alone (no secret in a task
row) and be retried; the database keeps only a keyed hash of the token to find the row by. A
leaked database reveals no link; a leaked SECRET_KEY needs the database too.
"""

from __future__ import annotations

from voorop.core import codes
from voorop.panel.models import LINK_PURPOSE

TOKEN_LENGTH = 32  # hex characters: 128 bits


def token_for(kind: str, salt: str) -> str:
    return codes.keyed_hash(LINK_PURPOSE, kind, salt)[:TOKEN_LENGTH]


def stored_hash(kind: str, token: str) -> str:
    return codes.keyed_hash(LINK_PURPOSE, f"{kind}/stored", token)


def hash_for_salt(kind: str, salt: str) -> str:
    return stored_hash(kind, token_for(kind, salt))


MEMBER = "member"
INVITE = "invite"
