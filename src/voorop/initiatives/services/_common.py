"""What every initiatives service shares: the permission check, the timeline line, the

e-mail to the people of an initiative, and forgetting the roles the rules cached."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import TYPE_CHECKING, Any

from voorop.core import cache, mail
from voorop.initiatives import mail as initiatives_mail
from voorop.initiatives.models import Initiative, InitiativeTimelineEntry
from voorop.initiatives.selectors import PUBLIC_PAGES

if TYPE_CHECKING:
    from voorop.accounts.models import User


def changes_public_pages[**P, R](service: Callable[P, R]) -> Callable[P, R]:
    """The service changes what the public pages show (the gallery, an initiative's page and
    the similar initiatives on other pages): the cached pages are renewed (decision 0015)."""

    @wraps(service)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        result = service(*args, **kwargs)
        cache.renew(PUBLIC_PAGES)
        return result

    return wrapped


def _actor_or_none(actor: Any) -> User | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _forget_cached_roles(*users: Any) -> None:
    for user in users:
        user.__dict__.pop("_voorop_initiative_roles", None)
        user.__dict__.pop("_voorop_facilitated", None)


def _tell(
    initiative: Initiative,
    template: str,
    *,
    users: Iterable[User] | None = None,
    exclude: Any = None,
    actor: Any = None,
    entry: InitiativeTimelineEntry | None = None,
    facilitator: Any = None,
    role: str = "",
) -> None:
    """E-mail owners and members (or `users`), each in their own language; rendered when
    sent, so no name or reason is copied into a task row."""
    if users is None:
        users = [m.user for m in initiative.memberships.select_related("user")]
    for user in users:
        if not user.email or not user.is_active or (exclude is not None and user.pk == exclude.pk):
            continue
        mail.send(
            initiatives_mail.TELL,
            initiative=initiative.pk,
            user=user.pk,
            template=template,
            actor=getattr(actor, "pk", None),
            entry=entry.pk if entry is not None else None,
            facilitator=getattr(facilitator, "pk", None),
            role=role,
        )


def _event(
    initiative: Initiative,
    *,
    kind: str,
    actor: Any,
    from_status: str = "",
    to_status: str = "",
    reason: str = "",
    message: dict[str, Any] | None = None,
) -> InitiativeTimelineEntry:
    """A line on the public timeline: `reason` is what a person wrote, `message` what the
    system says (put into words when shown, in the reader's language)."""
    return InitiativeTimelineEntry.objects.create(
        initiative=initiative,
        kind=kind,
        actor=_actor_or_none(actor),
        from_status=from_status,
        to_status=to_status,
        text=reason,
        message=message or {},
    )
