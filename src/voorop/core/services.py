"""Writes shared by every app: the audit log and outgoing e-mail."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import translation

from voorop.core.models import AuditEntry
from voorop.core.tasks import send_email


def audit_log(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Record an action. `actor` may be anonymous (None or AnonymousUser)."""
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor_id=actor_id,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=dict(data or {}),
    )


def email_send(
    *,
    to: Iterable[str],
    template: str,
    context: Mapping[str, Any],
    language: str | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and send them after commit.

    Deprecated: the rendered text travels in the task's arguments and stays in the task
    table until it is pruned (a day). New code sends by kind and ids with
    `voorop.core.mail.send`, which renders at send time; see docs/security.md for the recipe.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return
    context = {
        "site_url": settings.VOOROP_SITE_URL,
        "municipality_name": settings.VOOROP_MUNICIPALITY_NAME,
        **context,
    }
    with translation.override(language or translation.get_language()):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body, recipients=recipients)
    )
