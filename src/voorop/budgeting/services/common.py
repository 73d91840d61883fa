"""Helpers every stage's services share: the permission checks and a person's language."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Model

from voorop.budgeting.types import Actor, signed_in
from voorop.core import cache
from voorop.core.permissions import require

if TYPE_CHECKING:
    from voorop.accounts.models import User

__all__ = ["changes_round_pages", "language_of", "require", "require_user"]


def _round_id(obj: Any) -> int | None:
    from voorop.budgeting.models import BudgetRound

    if isinstance(obj, BudgetRound):
        return obj.pk
    return getattr(obj, "round_id", None)


def changes_round_pages[**P, R](service: Callable[P, R]) -> Callable[P, R]:
    """The service changes what a round's public pages show (the round, its proposals, its
    result): their cached copies are renewed (decision 0015). The round is found in the
    ``budget_round``, ``proposal`` or ``result`` argument, or in what the service returns."""

    @wraps(service)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        from voorop.budgeting.selectors import ROUND_PAGES

        value = service(*args, **kwargs)
        changed = {
            _round_id(obj)
            for obj in (*(kwargs.get(n) for n in ("budget_round", "proposal", "result")), value)
        }
        for round_id in changed - {None}:
            cache.renew(ROUND_PAGES, round_id)
        return value

    return wrapped


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
