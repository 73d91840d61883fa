"""What the council app stores about a person, for the data download and account deletion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q

from voorop.council.models import (
    AnchorPointJudgement,
    AnchorPointResponse,
    EventSignUp,
    EventTopic,
    FollowUpAction,
    Reflection,
)

# Fields this module covers (tests/security/test_personal_data_walk.py).
COVERS = frozenset(
    {
        "council.EventSignUp.user",
        "council.EventSignUp.name",
        "council.EventSignUp.email",
        "council.EventTopic.author",
        "council.Reflection.councillor",
        "council.AnchorPointResponse.author",
        "council.AnchorPointJudgement.reviewer",
        "council.FollowUpAction.owner",
    }
)


def _sign_ups(user: User):
    """Sign-ups with the account, and those made as a guest with the account's address."""
    mine = Q(user=user)
    if user.email:
        mine |= Q(user=None, email__iexact=user.email)
    return EventSignUp.objects.filter(mine)


if TYPE_CHECKING:
    from voorop.accounts.models import User


def personal_data_export(user: User) -> dict[str, Any]:
    return {
        "event_sign_ups": [
            {
                "event": s.event.title,
                "starts_at": s.event.starts_at.isoformat(),
                "name": s.name,
                "email": s.email,
                "status": s.status,
                "signed_up_at": s.created_at.isoformat(),
            }
            for s in _sign_ups(user).select_related("event")
        ],
        "event_topics": [
            {"event": t.event.title, "topic": t.title, "text": t.text}
            for t in EventTopic.objects.filter(author=user).select_related("event")
        ],
        "reflections": [
            {"decision": r.decision.title, "left_to_society": r.left_to_society}
            for r in Reflection.objects.filter(councillor=user).select_related("decision")
        ],
        "anchor_point_responses": [
            {"anchor_point": str(r.anchor_point), "text": r.text}
            for r in AnchorPointResponse.objects.filter(author=user).select_related("anchor_point")
        ],
        "anchor_point_judgements": [
            {"anchor_point": str(j.anchor_point), "verdict": j.verdict, "reasons": j.reasons}
            for j in AnchorPointJudgement.objects.filter(reviewer=user).select_related(
                "anchor_point"
            )
        ],
        "follow_up_actions": list(
            FollowUpAction.objects.filter(owner=user).values_list("title", flat=True)
        ),
    }


def personal_data_anonymise(user: User) -> None:
    """Sign-ups go (also those as a guest with the account's address); topics stay (they
    are part of the public record) without the author."""
    _sign_ups(user).delete()
    EventTopic.objects.filter(author=user).update(author=None)
