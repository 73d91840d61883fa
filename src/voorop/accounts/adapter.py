"""django-allauth hooks: mail goes out through our background task."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from voorop.core.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        subject, body, recipients = message.subject, message.body, list(message.to)
        transaction.on_commit(
            lambda: send_email.enqueue(subject=subject, body=body, recipients=recipients)
        )
