"""What the community's services share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from voorop.core.throttle import Throttle, user_key

if TYPE_CHECKING:
    from voorop.accounts.models import User

Actor = Any  # a User, or an AnonymousUser for the reads of a visitor


def check_limit(throttle: Throttle, user: User) -> None:
    """Count one write of a signed-in resident against ``throttle`` (per account);
    refuse beyond the limit with a plain message. Call outside a transaction."""
    attempt = throttle.attempt(user_key(user))
    if attempt.refused:
        raise ValidationError(
            _(
                "You have sent a lot in a short time. Try again in %(minutes)s minutes; "
                "what you typed is still here."
            ),
            code="throttled",
            params={"minutes": attempt.retry_minutes()},
        )


def clean_text(value: str, *, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This field is required.")})
    return value
