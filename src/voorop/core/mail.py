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

``send`` waits for the transaction to commit (nothing is sent for a rolled-back change),
then enqueues the task ``voorop.core.tasks.send_mail`` with only the kind and the ids; the
worker renders and sends. The ids must be plain numbers, short strings or booleans that
reveal nothing: primary keys, a language code, the site address.

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
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

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
    from voorop.core.tasks import send_mail

    transaction.on_commit(lambda: send_mail.enqueue(kind=kind, ids=ids))


def deliver(kind: str, ids: Mapping[str, Id], secrets: Mapping[str, str] | None = None) -> int:
    """Render and send now; the number of mails sent (0 when the renderer had nothing)."""
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
    sent = email.send()
    if sent and message.after_send is not None:
        message.after_send()
    return sent


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
