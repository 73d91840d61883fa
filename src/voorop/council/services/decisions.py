"""Council decisions with their documents, and the mirroring councillor's reflection."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.council.models import CouncilDecision, DecisionDocument, Reflection

if TYPE_CHECKING:
    from voorop.accounts.models import User


@transaction.atomic
def decision_save(
    *, actor: User, decision: CouncilDecision | None, data: dict[str, Any]
) -> CouncilDecision:
    require(actor, "council.manage_decisions")
    decision = decision or CouncilDecision(created_by=actor)
    for field, value in data.items():
        setattr(decision, field, value)
    decision.save()
    audit_log(actor=actor, action="council.decision_saved", target=decision)
    return decision


@transaction.atomic
def decision_add_document(
    *, actor: User, decision: CouncilDecision, title: str, file: UploadedFile
) -> DecisionDocument:
    require(actor, "council.manage_decisions")
    document = DecisionDocument.objects.create(decision=decision, title=title, file=file)
    audit_log(actor=actor, action="council.document_added", target=decision)
    return document


@transaction.atomic
def decision_publish(*, actor: User, decision: CouncilDecision) -> CouncilDecision:
    require(actor, "council.manage_decisions")
    if decision.published_at is None:
        decision.published_at = timezone.now()
        decision.save(update_fields=["published_at"])
        audit_log(actor=actor, action="council.decision_published", target=decision)
    return decision


@transaction.atomic
def reflection_save(*, actor: User, decision: CouncilDecision, data: dict[str, Any]) -> Reflection:
    """The mirroring councillor records (or improves) the reflection on a decision."""
    require(actor, "council.reflect", decision)
    anchor_points = data.pop("anchor_points", [])
    if data.get("society_involved") == "no":
        data["ladder_step"] = ""
    reflection = Reflection.objects.filter(decision=decision).first() or Reflection(
        decision=decision
    )
    for field, value in data.items():
        setattr(reflection, field, value)
    reflection.councillor = actor
    reflection.updated_at = timezone.now()
    reflection.save()
    allowed = decision.dossier.anchor_points.all() if decision.dossier is not None else []
    reflection.anchor_points.set([p for p in anchor_points if p in allowed])
    audit_log(actor=actor, action="council.reflection_saved", target=decision)
    return reflection
