"""Background tasks of the platform (Django's task framework, database backend)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task


@task()
def send_email(*, subject: str, body: str, recipients: list[str]) -> int:
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=recipients
    )
    return message.send()
