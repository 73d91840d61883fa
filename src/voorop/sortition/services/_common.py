"""What every stage's services share: who may act, the permission check, and the e-mail to a
respondent."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from voorop.accounts.models import User
from voorop.core.services import email_send
from voorop.sortition.models import Respondent

type Actor = User | AnonymousUser
"""Who calls a service: a signed-in user or a visitor (`request.user`). Every service checks
the permission itself, so a visitor calling a staff service gets PermissionDenied."""


def require_perm(actor: Actor | None, permission: str, obj: object | None = None) -> None:
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(permission)


def mail_respondent(respondent: Respondent, template: str) -> None:
    """Tell a respondent about the draw (selected, reserve, replacement), if they gave an
    e-mail address; sent after commit."""
    if respondent.email:
        email_send(
            to=[respondent.email],
            template=template,
            context={"assembly": respondent.assembly, "respondent": respondent},
            language=settings.LANGUAGE_CODE,
        )
