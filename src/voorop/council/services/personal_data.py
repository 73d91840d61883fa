"""What the council app stores about a person, for the data download and account deletion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from voorop.council.models import EventSignUp, EventTopic, Reflection

if TYPE_CHECKING:
    from voorop.accounts.models import User


def personal_data_export(user: User) -> dict[str, Any]:
    return {
        "event_sign_ups": [
            {
                "event": s.event.title,
                "starts_at": s.event.starts_at.isoformat(),
                "status": s.status,
            }
            for s in user.council_sign_ups.select_related("event")
        ],
        "event_topics": [
            {"event": t.event.title, "topic": t.title, "text": t.text}
            for t in EventTopic.objects.filter(author=user).select_related("event")
        ],
        "reflections": [
            {"decision": r.decision.title, "left_to_society": r.left_to_society}
            for r in Reflection.objects.filter(councillor=user).select_related("decision")
        ],
    }


def personal_data_anonymise(user: User) -> None:
    """Sign-ups go; topics stay (they are part of the public record) without the author."""
    EventSignUp.objects.filter(user=user).delete()
    EventTopic.objects.filter(author=user).update(author=None)
