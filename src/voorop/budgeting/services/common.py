"""Helpers every stage's services share: the permission checks and a person's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Model

from voorop.budgeting.types import Actor, signed_in
from voorop.core.permissions import require

if TYPE_CHECKING:
    from voorop.accounts.models import User

__all__ = ["language_of", "require", "require_user"]


def require_user(actor: Actor, permission: str, obj: Model | None = None) -> User:
    """As `voorop.core.permissions.require`, for what only a signed-in user does; returns
    them as such."""
    require(actor, permission, obj)
    user = signed_in(actor)
    if user is None:
        raise PermissionDenied(permission)
    return user


def language_of(user: Actor | None) -> str:
    return getattr(user, "language", "") or settings.LANGUAGE_CODE
