"""Setting up an assembly: its details, features and organisers, and one quota row per
feature value (kept in step with the features).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.sortition.models import Assembly, Quota, default_deletion_date

if TYPE_CHECKING:
    from voorop.accounts.models import User

ASSEMBLY_FIELDS = (
    "title",
    "topic",
    "panel_size",
    "reserve_count",
    "meetings",
    "starts_on",
    "ends_on",
    "deletion_date",
    "one_per_household",
    "people_per_letter",
    "features",
    "registration_deadline",
)


def _check_deadline(starts: Any, deadline: Any) -> None:
    if isinstance(deadline, date) and isinstance(starts, date) and deadline >= starts:
        raise ValidationError(
            _(
                "Residents must be able to register before the first meeting: choose an "
                "earlier date."
            )
        )


def _check_assembly(fields: dict[str, Any]) -> None:
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if isinstance(starts, date) and isinstance(ends, date) and ends < starts:
        raise ValidationError(_("The end date must be on or after the first meeting."))
    deletion = fields.get("deletion_date")
    if isinstance(deletion, date) and isinstance(ends, date) and deletion < ends:
        raise ValidationError(
            _("The personal data can only be deleted after the assembly has ended.")
        )
    _check_deadline(starts, fields.get("registration_deadline"))
    if not fields.get("features"):
        raise ValidationError(_("Name at least one feature."))


def _sync_quota_rows(assembly: Assembly) -> None:
    """One quota row per feature value; rows of removed values go."""
    wanted = [(f["name"], v) for f in assembly.features for v in f["values"]]
    existing = {(q.feature, q.value): q for q in assembly.quotas.all()}
    for key, quota in existing.items():
        if key not in wanted:
            quota.delete()
    for position, (feature, value) in enumerate(wanted):
        row = existing.get((feature, value))
        if row is None:
            Quota.objects.create(assembly=assembly, feature=feature, value=value, position=position)
        elif row.position != position:
            row.position = position
            row.save(update_fields=["position"])


@transaction.atomic
def assembly_create(*, actor: User, organisers: Iterable[User] = (), **fields: Any) -> Assembly:
    require(actor, "sortition.add_assembly")
    unknown = set(fields) - set(ASSEMBLY_FIELDS)
    if unknown:
        raise ValueError(f"not an assembly field: {', '.join(sorted(unknown))}")
    if not fields.get("deletion_date") and fields.get("ends_on"):
        fields["deletion_date"] = default_deletion_date(fields["ends_on"])
    _check_assembly(fields)
    assembly = Assembly.objects.create(created_by=actor, **fields)
    assembly.organisers.set({actor, *organisers})
    _sync_quota_rows(assembly)
    audit_log(actor=actor, action="sortition.assembly_created", target=assembly)
    return assembly


@transaction.atomic
def assembly_update(
    *,
    actor: User,
    assembly: Assembly,
    organisers: Iterable[User] | None = None,
    **fields: Any,
) -> Assembly:
    require(actor, "sortition.change_assembly", assembly)
    unknown = set(fields) - set(ASSEMBLY_FIELDS)
    if unknown:
        raise ValueError(f"not an assembly field: {', '.join(sorted(unknown))}")
    changes_features = "features" in fields and fields["features"] != assembly.features
    if changes_features and assembly.respondents.exists():
        raise ValidationError(
            _("The features cannot change any more: residents have already registered.")
        )
    merged = {name: getattr(assembly, name) for name in ASSEMBLY_FIELDS} | fields
    if not merged.get("deletion_date"):
        merged["deletion_date"] = default_deletion_date(merged["ends_on"])
    _check_assembly(merged)
    for name, value in merged.items():
        setattr(assembly, name, value)
    # Only the details: the steps (invitations, seed, closing registration) are recorded by
    # their own services and must not be overwritten from an object loaded before them.
    assembly.save(update_fields=list(ASSEMBLY_FIELDS))
    if organisers is not None:
        assembly.organisers.set({actor, *organisers})
        assembly.__dict__.pop("_organiser_ids", None)
    _sync_quota_rows(assembly)
    audit_log(
        actor=actor,
        action="sortition.assembly_changed",
        target=assembly,
        data={"fields": sorted(fields)},
    )
    return assembly


@transaction.atomic
def registration_deadline_set(*, actor: User, assembly: Assembly, deadline: date) -> Assembly:
    """Set the date residents must register by: the letters state it, so it is asked for
    before any letter is made. It must still be to come, and before the first meeting."""
    require(actor, "sortition.change_assembly", assembly)
    if deadline < timezone.localdate():
        raise ValidationError(_("This date has passed. Choose a date that is still to come."))
    _check_deadline(assembly.starts_on, deadline)
    assembly.registration_deadline = deadline
    assembly.save(update_fields=["registration_deadline"])
    audit_log(
        actor=actor,
        action="sortition.registration_deadline_set",
        target=assembly,
        data={"deadline": deadline.isoformat()},
    )
    return assembly
