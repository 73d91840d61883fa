"""Consultations as residents and staff see them."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from voorop.panel import tokens
from voorop.panel.models import Consultation, Invite, Panel
from voorop.panel.phases import CONSULTATION, REPORTED


def invite_by_token(token: str) -> Invite | None:
    if not token:
        return None
    return (
        Invite.objects.select_related("consultation__panel", "member")
        .filter(token_hash=tokens.stored_hash(tokens.INVITE, token))
        .first()
    )


def with_response(queryset: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return queryset.annotate(
        invited=Count("invites", distinct=True),
        answered_count=Count("invites", filter=Q(invites__answered=True), distinct=True),
    )


def public_consultations(panel: Panel) -> QuerySet[Consultation]:
    """Past consultations whose feedback is published: response, results and feedback."""
    return with_response(
        panel.consultations.filter(CONSULTATION.q_in(REPORTED)).order_by("-feedback_published_at")
    )


def consultations_overdue(panel: Panel) -> QuerySet[Consultation]:
    """Closed consultations without feedback after their feedback date: shown to staff."""
    return panel.consultations.filter(
        closes_at__lte=timezone.now(),
        feedback_published_at__isnull=True,
        feedback_due__lt=timezone.localdate(),
    )
