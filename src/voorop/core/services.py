"""Writes shared by every app: the audit log. (Outgoing e-mail: voorop.core.mail.)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models

from voorop.core.inserts import insert
from voorop.core.models import AuditEntry


def audit_log(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Record an action. `actor` may be anonymous (None or AnonymousUser)."""
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        actor_id=actor_id,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=dict(data or {}),
    )
    # Every write of every service makes one: a statement built once per process, not by
    # the ORM each time (issue 13, voorop.core.inserts).
    insert(entry)
    return entry
