"""Checking rules permissions in services and views.

``require(user, permission, obj)`` is the one check every service starts with (it replaces
the ``_require`` each services module had). ``permission_required`` decorates a view:
visitors are asked to log in, signed-in users without the right get a plain 403 page (not a
log-in form they cannot get past). ``refused_for_a_role`` tells the 403 page whether such a
refusal was about a role, or may be about the phase or whose object it is."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

# Role predicates are named ``has_role_<role>`` (``voorop.accounts.roles.has_role`` names
# them with ``role_predicate_name``); rules builds a combined predicate's name from its parts,
# e.g. "(has_role_griffie & event_has_started)".
ROLE_PREDICATE_PREFIX = "has_role_"


def role_predicate_name(role: str) -> str:
    return f"{ROLE_PREDICATE_PREFIX}{role}"


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


def refused_for_a_role(exception: Exception | None) -> bool:
    """Whether a ``PermissionDenied`` is only about a role: raised by ``require`` or
    ``permission_required`` (its message is the permission's name) for a permission whose
    rule tests roles and nothing else. A rule that also tests the phase or the object (whose
    challenge, which status), and any other refusal, is not: the user may have every role it
    needs and still not be allowed now."""
    if exception is None or not exception.args:
        return False
    rule = rules.permissions.permissions.get(str(exception.args[0]))
    if rule is None:
        return False
    parts = re.findall(r"[A-Za-z_]\w*", rule.name)
    return bool(parts) and all(part.startswith(ROLE_PREDICATE_PREFIX) for part in parts)
