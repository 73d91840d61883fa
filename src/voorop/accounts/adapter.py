"""django-allauth hooks: mail goes out through our background task, in our words."""

from __future__ import annotations

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.db import transaction

from voorop.core.tasks import send_email


def user_display(user: object) -> str:
    """How allauth names a user in pages and mails: the public name, never the username."""
    return getattr(user, "public_name", "") or str(user)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # The context allauth's own send_mail builds, with our site name instead of the
        # host name; rendered now, sent by the worker after the transaction commits.
        request = allauth_context.request
        site = SimpleNamespace(
            name=f"Voorop {settings.VOOROP_MUNICIPALITY_NAME}",
            domain=request.get_host() if request is not None else "",
        )
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": site, **context},
        )
        subject, body, recipients = message.subject, message.body, list(message.to)
        transaction.on_commit(
            lambda: send_email.enqueue(subject=subject, body=body, recipients=recipients)
        )
