"""Dossiers and their anchor points: the council sets and fixes them, the owners of a
contribution answer them, reviewers judge the answers; other apps list their contributions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.council import anchors
from voorop.council.anchors import content_type_of
from voorop.council.models import (
    AnchorPoint,
    AnchorPointJudgement,
    AnchorPointResponse,
    Dossier,
    DossierStatus,
    Verdict,
)

if TYPE_CHECKING:
    from voorop.accounts.models import User


def anchor_source_register(*, label: Any, items: Callable[[Dossier], Iterable[Any]]) -> None:
    """List an app's contributions on the dossier page (e.g. the challenges in a dossier);
    called from that app's AppConfig.ready(). See council/anchors.py."""
    anchors.register_source(label=label, items=items)


@transaction.atomic
def dossier_save(*, actor: User, dossier: Dossier | None, data: dict[str, Any]) -> Dossier:
    require(actor, "council.manage_dossiers")
    dossier = dossier or Dossier()
    for field, value in data.items():
        setattr(dossier, field, value)
    dossier.save()
    audit_log(actor=actor, action="council.dossier_saved", target=dossier)
    return dossier


@transaction.atomic
def anchor_point_add(
    *, actor: User, dossier: Dossier, title: str, explanation: str = ""
) -> AnchorPoint:
    require(actor, "council.set_anchor_points", dossier)
    count = dossier.anchor_points.count()
    if count >= dossier.max_anchor_points:
        raise ValidationError(
            _("This dossier already has %(max)s anchor points, the maximum.")
            % {"max": dossier.max_anchor_points}
        )
    point = AnchorPoint.objects.create(
        dossier=dossier,
        position=count + 1,
        title=title,
        explanation=explanation,
        created_by=actor,
    )
    audit_log(actor=actor, action="council.anchor_point_added", target=point)
    return point


@transaction.atomic
def anchor_point_delete(*, actor: User, anchor_point: AnchorPoint) -> None:
    dossier = anchor_point.dossier
    require(actor, "council.set_anchor_points", dossier)
    audit_log(actor=actor, action="council.anchor_point_deleted", target=anchor_point)
    anchor_point.delete()
    for position, point in enumerate(dossier.anchor_points.order_by("position", "id"), start=1):
        if point.position != position:
            point.position = position
            point.save(update_fields=["position"])


@transaction.atomic
def dossier_open(*, actor: User, dossier: Dossier) -> Dossier:
    """Fix the anchor points and open the dossier to society."""
    require(actor, "council.set_anchor_points", dossier)
    if not dossier.anchor_points.exists():
        raise ValidationError(_("Set at least one anchor point first."))
    dossier.status = DossierStatus.OPEN
    dossier.save(update_fields=["status"])
    audit_log(actor=actor, action="council.dossier_opened", target=dossier)
    return dossier


@transaction.atomic
def anchor_points_respond(*, actor: User, contribution: Any, texts: dict[int, str]) -> None:
    """The owners say how their contribution meets each anchor point (empty text: none)."""
    require(actor, "council.respond_anchor_points", contribution)
    content_type = content_type_of(contribution)
    points = {p.pk: p for p in contribution.dossier.anchor_points.all()}
    for point_id, text in texts.items():
        point = points.get(int(point_id))
        if point is None:
            continue
        lookup = {"content_type": content_type, "object_id": contribution.pk, "anchor_point": point}
        if text.strip():
            AnchorPointResponse.objects.update_or_create(
                **lookup, defaults={"text": text, "author": actor, "updated_at": timezone.now()}
            )
        else:
            AnchorPointResponse.objects.filter(**lookup).delete()
    audit_log(actor=actor, action="council.anchor_points_responded", target=contribution)


@transaction.atomic
def anchor_points_judge(
    *, actor: User, contribution: Any, judgements: dict[int, tuple[str, str]]
) -> None:
    """A reviewer judges the contribution per anchor point: meets, partly, does not meet."""
    require(actor, "council.judge_anchor_points", contribution)
    content_type = content_type_of(contribution)
    points = {p.pk: p for p in contribution.dossier.anchor_points.all()}
    for point_id, (verdict, reasons) in judgements.items():
        point = points.get(int(point_id))
        if point is None or not verdict:
            continue
        if not reasons.strip():
            raise ValidationError(_("Give the reasons for each judgement."))
        AnchorPointJudgement.objects.update_or_create(
            content_type=content_type,
            object_id=contribution.pk,
            anchor_point=point,
            defaults={
                "verdict": Verdict(verdict),
                "reasons": reasons,
                "reviewer": actor,
                "updated_at": timezone.now(),
            },
        )
    audit_log(actor=actor, action="council.anchor_points_judged", target=contribution)
