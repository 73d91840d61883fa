"""What every stage's services share: who may act, the permission check, and the e-mail to a
respondent."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model

from voorop.accounts.models import User
from voorop.core import mail
from voorop.sortition.models import Respondent

type Actor = User | AnonymousUser
"""Who calls a service that visitors may use too (registering): `request.user`. Staff services
take a `User`; every service checks the permission itself."""


def require_perm(actor: Actor | None, permission: str, obj: Model | None = None) -> None:
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(permission)


def mail_respondent(respondent: Respondent, kind: str) -> None:
    """Tell a respondent about the draw (``sortition.mail.SELECTED``, ``RESERVE``,
    ``REPLACEMENT``), if they gave an e-mail address; rendered and sent after commit."""
    if respondent.email:
        mail.send(kind, respondent=respondent.pk)
