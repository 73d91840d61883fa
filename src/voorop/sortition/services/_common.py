"""What every stage's services share: who may act and the e-mail to a respondent. The
permission check is `voorop.core.permissions.require` (which refuses `actor=None` too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from voorop.core.services import email_send
from voorop.sortition.models import Respondent

if TYPE_CHECKING:
    from voorop.accounts.models import User

type Actor = User | AnonymousUser
"""Who calls a service that visitors may use too (registering): `request.user`. Staff services
take a `User`; every service checks the permission itself."""


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
