"""What the council's services share: the permission check and the site address for
e-mail."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied


def _require(user: Any, permission: str, obj: Any = None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(permission)


def _site_url() -> str:
    return getattr(settings, "VOOROP_SITE_URL", "")
