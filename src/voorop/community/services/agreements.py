"""Society agreements: staff open an agreement on a theme; residents, organisations,
companies and the municipality sign up with their commitments; each party reports the
progress of its commitments, in public."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from voorop.community.models import (
    Agreement,
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    Party,
    PartyKind,
)
from voorop.community.services._common import check_limit, clean_text
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.core.throttle import Throttle

if TYPE_CHECKING:
    from voorop.accounts.models import User

SIGNATURES = Throttle("community.agreement_sign", limit=10)


@transaction.atomic
def agreement_save(*, actor: User, agreement: Agreement | None, data: dict) -> Agreement:
    require(actor, "community.manage_agreements")
    creating = agreement is None
    agreement = agreement or Agreement(created_by=actor)
    for name in ("title", "slug", "theme", "summary", "status"):
        if name in data:
            setattr(agreement, name, data[name])
    agreement.full_clean()
    agreement.save()
    audit_log(
        actor=actor,
        action="community.agreement_created" if creating else "community.agreement_changed",
        target=agreement,
    )
    return agreement


def agreement_sign(
    *,
    actor: User,
    agreement: Agreement,
    kind: str,
    commitment: str,
    name: str = "",
    due_on: date | None = None,
) -> Party:
    """Sign up as a party with a first commitment. Organisations and companies give
    their name; a resident is shown by their public name. Only staff sign for the
    municipality."""
    require(actor, "community.sign_agreement", agreement)
    kind = PartyKind(kind)
    commitment = clean_text(commitment, field="commitment")
    name = name.strip()
    if kind in (PartyKind.ORGANISATION, PartyKind.COMPANY) and not name:
        raise ValidationError({"name": _("Give the name of the organisation or company.")})
    if kind == PartyKind.MUNICIPALITY and not actor.has_perm("community.manage_agreements"):
        raise ValidationError({"kind": _("Only the municipality's staff sign for it.")})
    if kind == PartyKind.RESIDENT:
        name = ""
    check_limit(SIGNATURES, actor)
    with transaction.atomic():
        party = Party.objects.create(agreement=agreement, kind=kind, name=name, user=actor)
        Commitment.objects.create(agreement=agreement, party=party, text=commitment, due_on=due_on)
        audit_log(
            actor=actor, action="community.agreement_signed", target=agreement, data={"kind": kind}
        )
    return party


@transaction.atomic
def commitment_add(
    *, actor: User, party: Party, text: str, due_on: date | None = None
) -> Commitment:
    probe = Commitment(agreement=party.agreement, party=party)
    require(actor, "community.report_progress", probe)
    commitment = Commitment.objects.create(
        agreement=party.agreement, party=party, text=clean_text(text, field="text"), due_on=due_on
    )
    audit_log(actor=actor, action="community.commitment_added", target=party.agreement)
    return commitment


@transaction.atomic
def progress_report(
    *, actor: User, commitment: Commitment, status: str, text: str
) -> CommitmentUpdate:
    """A progress update on one commitment; the commitment takes its status."""
    require(actor, "community.report_progress", commitment)
    status = CommitmentStatus(status)
    update = CommitmentUpdate.objects.create(
        commitment=commitment, status=status, text=clean_text(text, field="text"), author=actor
    )
    commitment.status = status
    commitment.save(update_fields=["status"])
    audit_log(
        actor=actor,
        action="community.progress_reported",
        target=commitment.agreement,
        data={"commitment": commitment.pk, "status": status},
    )
    return update
