"""Registry of personal data per app, for the data download and for account deletion.

Each app that stores something about a user registers an exporter (what to include in the
download) and, where needed, an anonymiser (what to scrub when the account is deleted while
the contributions themselves stay). Apps register in their AppConfig.ready().

Each app's ``personal_data`` module also says which fields it covers (``COVERS``: a set of
``"app_label.Model.field"``); ``tests/security/test_personal_data_walk.py`` walks every model
with a user link or a name, e-mail, phone or address field and fails on one no module
covers and no justified entry excuses. This module covers what belongs to the platform
itself: the audit log, the back office's change log, two-factor devices and task rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
Anonymiser = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_anonymisers: dict[str, Anonymiser] = {}

COVERS = frozenset(
    {
        "accounts.User.username",
        "accounts.User.first_name",
        "accounts.User.last_name",
        "accounts.User.email",
        "accounts.User.display_name",
        "account.EmailAddress.user",
        "account.EmailAddress.email",
        "core.AuditEntry.actor",
        "admin.LogEntry.user",
        "mfa.Authenticator.user",
    }
)


def register(section: str, *, export: Exporter, anonymise: Anonymiser | None = None) -> None:
    _exporters[section] = export
    if anonymise is not None:
        _anonymisers[section] = anonymise


def export_platform(user: Any) -> dict[str, Any]:
    """What the platform itself holds: every audited action by or about the person, their
    changes in the back office and their two-factor devices (never the secrets)."""
    from allauth.mfa.models import Authenticator
    from django.contrib.admin.models import LogEntry
    from django.db.models import Q

    from voorop.core.models import AuditEntry

    about = Q(target_type=user._meta.label_lower, target_id=str(user.pk))
    return {
        "audit_log": [
            {
                "at": entry.created_at.isoformat(),
                "action": entry.action,
                "by_you": entry.actor_id == user.pk,
                "object": f"{entry.target_type}:{entry.target_id}" if entry.target_type else "",
                "details": entry.data,
            }
            for entry in AuditEntry.objects.filter(Q(actor=user) | about).order_by("created_at")
        ],
        "back_office_changes": [
            {
                "at": log.action_time.isoformat(),
                "object": log.object_repr,
                "change": log.get_change_message(),
            }
            for log in LogEntry.objects.filter(user=user).order_by("action_time")
        ],
        "two_factor_devices": [
            {"type": device.type, "created_at": device.created_at.isoformat()}
            for device in Authenticator.objects.filter(user=user)
        ],
    }


def _identifiers(user: Any) -> list[str]:
    names = [user.email, user.display_name, f"{user.first_name} {user.last_name}".strip()]
    return [value for value in names if value and len(value) >= 4]


def anonymise_platform(user: Any) -> None:
    """Two-factor devices go with the account; task rows that still hold the person's
    address or name (mails queued or kept before they were pruned) are deleted. The audit
    log stays (who did what is the municipality's record) but points to an account without
    any personal data left."""
    from allauth.mfa.models import Authenticator
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult

    Authenticator.objects.filter(user=user).delete()
    needles = _identifiers(user)
    if not needles:
        return
    # Whole words only ("Piet" is not in "Pietersplein"), and only rows that can hold a
    # text: the old pre-rendered mails, and finished rows (their results). A row of another
    # task still waiting or running is someone else's work in progress: it holds ids only.
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(needle.lower())}(?!\w)" for needle in needles)
    )
    candidates = DBTaskResult.objects.filter(
        Q(task_path="voorop.core.tasks.send_email") | Q(finished_at__isnull=False)
    ).values_list("id", "args_kwargs", "return_value")
    doomed = [
        pk
        for pk, arguments, result in candidates.iterator()
        if pattern.search(json.dumps([arguments, result], ensure_ascii=False, default=str).lower())
    ]
    DBTaskResult.objects.filter(pk__in=doomed).delete()


def exporters() -> dict[str, Exporter]:
    return dict(sorted({**_exporters, "platform": export_platform}.items()))


def anonymisers() -> dict[str, Anonymiser]:
    return dict(sorted({**_anonymisers, "platform": anonymise_platform}.items()))
