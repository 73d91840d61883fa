"""Background tasks of the platform (Django's task framework, database backend).

A task row keeps its arguments and its result in the database until it is pruned
(`prune_task_results`, a maintenance job): they hold ids, never a secret, a vote or a mail's
text (voorop.core.mail).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import timezone


@task()
def send_mail(*, kind: str, ids: dict) -> int:
    """Render a mail of a registered kind from its ids and send it (voorop.core.mail)."""
    from voorop.core import mail

    return mail.deliver(kind, ids)


@task()
def send_email(*, subject: str, body: str, recipients: list[str]) -> int:
    """Kept only to send rows an earlier version queued (a mail rendered up front, its text
    in the task row until pruned). Nothing queues it any more: every app sends by kind and
    ids (voorop.core.mail)."""
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=recipients
    )
    return message.send()


# Finished task rows kept this long: long enough to look into a failure, short enough that
# finished rows (ids only) do not pile up.
KEEP_SUCCESSFUL = timedelta(days=1)
KEEP_FAILED = timedelta(days=7)


def prune_task_results() -> int:
    """Maintenance job: delete finished task rows (successful after a day, failed after a
    week). Rows still waiting or running are never touched."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    rows = DBTaskResult.objects
    deleted, _ = rows.successful().filter(finished_at__lt=now - KEEP_SUCCESSFUL).delete()
    failed, _ = rows.failed().filter(finished_at__lt=now - KEEP_FAILED).delete()
    return deleted + failed
