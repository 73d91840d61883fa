"""Helpers every stage's services share: the permission check and a person's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied


def require(actor: Any, permission: str, obj: object = None) -> None:
    if not actor.has_perm(permission, obj):
        raise PermissionDenied(permission)


def language_of(user: Any) -> str:
    return getattr(user, "language", "") or settings.LANGUAGE_CODE
