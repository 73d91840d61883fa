"""What every stage's services share: who may act and the e-mail to a respondent. The
permission check is `voorop.core.permissions.require` (which refuses `actor=None` too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from voorop.core import mail
from voorop.sortition.models import Respondent

if TYPE_CHECKING:
    from voorop.accounts.models import User

type Actor = User | AnonymousUser
"""Who calls a service that visitors may use too (registering): `request.user`. Staff services
take a `User`; every service checks the permission itself."""


def mail_respondent(respondent: Respondent, kind: str) -> None:
    """Tell a respondent about the draw (``sortition.mail.SELECTED``, ``RESERVE``,
    ``REPLACEMENT``), if they gave an e-mail address; rendered and sent after commit."""
    if respondent.email:
        mail.send(kind, respondent=respondent.pk)
