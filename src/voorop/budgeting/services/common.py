"""Helpers every stage's services share: the permission checks and a person's language."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Model

from voorop.accounts.models import User
from voorop.budgeting.types import Actor


def require(actor: Actor, permission: str, obj: Model | None = None) -> None:
    """Refuse unless the actor holds the permission (a visitor may hold some: voting with
    a code)."""
    if not actor.has_perm(permission, obj):
        raise PermissionDenied(permission)


def require_user(actor: Actor, permission: str, obj: Model | None = None) -> User:
    """As `require`, for what only a signed-in user does; returns them as such."""
    require(actor, permission, obj)
    if not isinstance(actor, User):
        raise PermissionDenied(permission)
    return actor


def language_of(user: Actor | None) -> str:
    return getattr(user, "language", "") or settings.LANGUAGE_CODE
