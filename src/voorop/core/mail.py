"""Outgoing e-mail by kind and ids: no body, no secret and no vote in a task row.

A task row (django-tasks-db) keeps its arguments and result in the database. A mail
rendered up front and handed to a task would leave its whole text there: ballot receipts,
tracking links, reset links. So a mail is sent as a *kind* and a few *ids*, and rendered
only when it is sent::

    # in the app's AppConfig.ready()
    mail.register("budgeting.ballot_receipt", render_ballot_receipt)

    # in the app's renderer: look the things up now, None if there is nothing to send
    def render_ballot_receipt(*, ballot: int, language: str = "nl") -> mail.Message | None:
        ballot = Ballot.objects.filter(pk=ballot).first()
        if ballot is None or not ballot.voter.email:
            return None
        return mail.from_templates(
            to=[ballot.voter.email], template="budgeting/mail/receipt",
            context={"ballot": ballot}, language=language,
        )

    # in the service, inside its transaction
    mail.send("budgeting.ballot_receipt", ballot=ballot.pk, language=voter.language)

``send`` writes the mail to the outbox (``OutgoingMail``: the kind and the ids) in the
current transaction, so the mail exists exactly when the change does; after the commit it
enqueues the task ``voorop.core.tasks.send_outgoing`` with the outbox row's id, and the
worker renders and sends. If the process dies between the commit and the enqueue (or the
task is lost), the worker's sweep (``sweep``, every few seconds beside the job reaper) finds
the unsent row and enqueues it again. Sending is idempotent: a sender first takes the row
with a lease, and marks it sent as soon as the mail server accepted the message, before
closing the connection; a second task for the same row finds it sent, or leased, and does
nothing. The ids must be plain numbers, short strings or booleans that reveal nothing:
primary keys, a language code, the site address.

A mail that must carry a secret that cannot be made again at send time (a tracking link
whose token is stored only hashed) passes it in ``secrets=``: such a mail is rendered and
sent in this process right after the commit, and never touches a task row. A slow mail
server then slows that one request, and a failed send is logged (without the text) and not
retried: the page should still show the secret or offer to send it again. Prefer a secret
that can be derived at send time (allauth's password reset and e-mail confirmation keys
are, see voorop.accounts.mail) so the mail goes through the task and is retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from voorop.core.inserts import insert

logger = logging.getLogger("voorop.mail")

Id = int | str | bool | None


@dataclass(frozen=True)
class Message:
    to: list[str]
    subject: str
    body: str
    headers: dict[str, str] = field(default_factory=dict)
    # Run once the mail has gone, e.g. to delete an address kept only for this mail.
    after_send: Callable[[], object] | None = field(default=None, compare=False)


Renderer = Callable[..., Message | None]

_renderers: dict[str, Renderer] = {}


def register(kind: str, renderer: Renderer) -> None:
    """Make ``kind`` sendable. The renderer takes the ids (and any secrets) as keyword
    arguments and returns the Message, or None when there is nothing (left) to send."""
    _renderers[kind] = renderer


def kinds() -> list[str]:
    return sorted(_renderers)


def _check_ids(kind: str, ids: Mapping[str, Any]) -> None:
    if kind not in _renderers:
        raise LookupError(f"no renderer registered for mail kind {kind!r}")
    for name, value in ids.items():
        if not isinstance(value, Id):
            raise TypeError(
                f"mail {kind}: {name} must be a number, a short string or a boolean "
                f"(an id), not {type(value).__name__}"
            )
        if isinstance(value, str) and len(value) > 200:
            raise ValueError(f"mail {kind}: {name} is too long to be an id")


def send(kind: str, *, secrets: Mapping[str, str] | None = None, **ids: Id) -> None:
    """Send a mail of ``kind`` after the current transaction commits (see the module text)."""
    _check_ids(kind, ids)
    if secrets:
        sealed = dict(secrets)
        transaction.on_commit(lambda: _send_now(kind, ids, sealed), robust=True)
        return
    from voorop.core.models import OutgoingMail

    row = OutgoingMail(kind=kind, ids=dict(ids), enqueued_at=timezone.now())
    insert(row)  # on every post that mails (issue 13)
    transaction.on_commit(lambda: _enqueue(row.pk), robust=True)


def _enqueue(pk: int) -> None:
    from voorop.core.tasks import send_outgoing

    send_outgoing.enqueue(mail=pk)


def deliver(
    kind: str,
    ids: Mapping[str, Id],
    secrets: Mapping[str, str] | None = None,
    *,
    accepted: Callable[[], object] | None = None,
) -> int:
    """Render and send now; the number of mails sent (0 when the renderer had nothing).

    ``accepted`` runs as soon as the mail server took the message, before the connection is
    closed (the outbox marks the mail sent then: a worker killed while closing does not
    send it again)."""
    message = _renderers[kind](**ids, **(secrets or {}))
    if message is None or not [address for address in message.to if address]:
        return 0
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address for address in message.to if address],
        headers=message.headers or None,
    )
    connection = mailers.default
    # Opened here, so sending does not also close it: "accepted" comes in between.
    opened = connection.open()
    try:
        sent = connection.send_messages([email])
        if sent and accepted is not None:
            accepted()
    finally:
        if opened:
            connection.close()
    if sent and message.after_send is not None:
        message.after_send()
    return sent


# --- the outbox -----------------------------------------------------------------------------

# A sender holds a mail this long (more than the mail server's timeout); a sender that died
# lets it go when the lease runs out.
LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 5
# The sweep enqueues an unsent mail whose task has not come for this long.
SWEEP_AFTER = timedelta(seconds=20)


def send_outgoing(pk: int) -> str:
    """Send one outbox mail, once: take it with a lease, send, mark it sent. Returns what
    happened (for the task row): sent, nothing (no mail to send), skipped, retry, failed."""
    from voorop.core.models import OutgoingMail

    now = timezone.now()
    rows = OutgoingMail.objects.filter(pk=pk, sent_at__isnull=True, failed_at__isnull=True)
    taken = (
        rows.filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .filter(attempts__lt=MAX_ATTEMPTS)
        .update(lease_until=now + LEASE, attempts=F("attempts") + 1)
    )
    if not taken:
        return "skipped"  # sent, given up, or another sender has it now
    row = OutgoingMail.objects.get(pk=pk)
    mine = OutgoingMail.objects.filter(pk=pk, attempts=row.attempts, sent_at__isnull=True)

    def mark_sent() -> None:
        mine.update(sent_at=timezone.now(), lease_until=None)

    try:
        if row.kind not in _renderers:
            raise LookupError(f"no renderer registered for mail kind {row.kind!r}")
        sent = deliver(row.kind, row.ids, accepted=mark_sent)
    except Exception as error:
        logger.exception("mail not sent", extra={"kind": row.kind, "outbox": pk})
        reason = type(error).__name__[:200]
        if row.attempts >= MAX_ATTEMPTS:
            mine.update(failed_at=timezone.now(), lease_until=None, error=reason)
            return "failed"
        # Free to take again: the sweep enqueues it once SWEEP_AFTER has passed.
        mine.update(lease_until=None, error=reason, enqueued_at=timezone.now())
        return "retry"
    if not sent:
        mine.update(sent_at=timezone.now(), lease_until=None, error="nothing to send")
        return "nothing"
    return "sent"


def _queued_outbox_tasks(candidates: list[int]) -> set[int]:
    """Which of the outbox rows ``candidates`` have a task waiting or running (the database
    task backend). Asks only about these rows: the task table may hold thousands of READY
    rows of other tasks and other mails, and the sweep runs every few seconds."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another task backend: no way to look
        return set()
    if not candidates:
        return set()
    rows = DBTaskResult.objects.filter(
        status__in=["READY", "RUNNING"],
        task_path="voorop.core.tasks.send_outgoing",
        args_kwargs__kwargs__mail__in=candidates,
    ).values_list("args_kwargs", flat=True)
    return {(row or {}).get("kwargs", {}).get("mail") for row in rows} - {None}


KEEP_SENT = timedelta(days=1)
KEEP_FAILED = timedelta(days=7)


def prune() -> int:
    """Maintenance job: forget sent mails after a day, given-up ones after a week."""
    from voorop.core.models import OutgoingMail

    now = timezone.now()
    sent, _ = OutgoingMail.objects.filter(sent_at__lt=now - KEEP_SENT).delete()
    failed, _ = OutgoingMail.objects.filter(failed_at__lt=now - KEEP_FAILED).delete()
    return sent + failed


def sweep() -> int:
    """Enqueue every unsent mail whose task did not come (the process died between the
    commit and the enqueue, the task row was lost, or a send failed). Returns how many."""
    from voorop.core.models import OutgoingMail

    now = timezone.now()
    waiting = (
        OutgoingMail.objects.filter(
            sent_at__isnull=True, failed_at__isnull=True, attempts__lt=MAX_ATTEMPTS
        )
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - SWEEP_AFTER))
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    candidates = list(waiting)
    if not candidates:
        return 0
    count = 0
    waiting_tasks = _queued_outbox_tasks(candidates)
    for pk in candidates:
        if pk in waiting_tasks:
            continue  # its task is in the queue, only slow: no second one
        nudged = OutgoingMail.objects.filter(pk=pk, sent_at__isnull=True).update(enqueued_at=now)
        if nudged:
            _enqueue(pk)
            count += 1
    if count:
        logger.warning("mails enqueued again by the sweep", extra={"count": count})
    return count


def _send_now(kind: str, ids: Mapping[str, Id], secrets: Mapping[str, str]) -> None:
    try:
        deliver(kind, ids, secrets)
    except Exception:
        # Logged without the text: it holds the secret.
        logger.exception("mail not sent", extra={"kind": kind})


def from_templates(
    *,
    to: Iterable[str],
    template: str,
    context: Mapping[str, Any],
    language: str | None = None,
) -> Message:
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` in ``language``."""
    context = {
        "site_url": settings.VOOROP_SITE_URL,
        "municipality_name": settings.VOOROP_MUNICIPALITY_NAME,
        **context,
    }
    with translation.override(language or translation.get_language()):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return Message(to=[address for address in to if address], subject=subject, body=body)
