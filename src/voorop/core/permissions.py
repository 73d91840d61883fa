"""Checking rules permissions in services and views.

``require(user, permission, obj)`` is the one check every service starts with (it replaces
the ``_require`` each services module had). ``permission_required`` decorates a view:
visitors are asked to log in, signed-in users without the right get a plain 403 page (not a
log-in form they cannot get past)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def require(user: Any, permission: str, obj: Any = None) -> None:
    """Raise ``PermissionDenied(permission)`` unless ``user`` has ``permission`` (on ``obj``).

    ``user`` may be anonymous; ``None`` (no one, as in a background task that was not given
    an actor) has no permission at all. Services call it first, so a view that forgot its
    own check still cannot write."""
    if user is None or not user.has_perm(permission, obj):
        raise PermissionDenied(permission)


def permission_required(permission: str) -> Callable:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.has_perm(permission):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied(permission)

        return wrapped

    return decorator
