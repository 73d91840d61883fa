"""Types that budgeting's services, selectors and views share, and the one narrowing they
need: from whoever acts to a signed-in user."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from voorop.accounts.models import User

# Who acts or reads: a signed-in user, or a visitor (a code voter, a resident asking for the
# result by e-mail). Services check the permission, which refuses a visitor where one may
# not act. (The alias is evaluated lazily, so the imports above are for type checkers only.)
type Actor = User | AnonymousUser


def signed_in(actor: Actor | None) -> User | None:
    """The user when signed in; None for a visitor (or nobody, as in a background task)."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    return actor if isinstance(actor, user_model) and actor.is_authenticated else None
