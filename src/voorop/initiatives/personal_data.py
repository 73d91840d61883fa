"""What the initiatives app stores about a person: memberships, supports, updates written,
and, in a staff role, the initiatives they facilitate and the scenarios they wrote."""

from __future__ import annotations

from typing import Any

from voorop.initiatives.models import (
    Initiative,
    InitiativeTimelineEntry,
    Membership,
    Scenario,
    Status,
    Support,
    Update,
)

# Fields this module covers (tests/security/test_personal_data_walk.py).
COVERS = frozenset(
    {
        "initiatives.Initiative.members",
        "initiatives.Membership.user",
        "initiatives.Support.user",
        "initiatives.Update.author",
        "initiatives.Initiative.facilitators",
        "initiatives.Scenario.created_by",
        "initiatives.InitiativeTimelineEntry.actor",
    }
)


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    return {
        "memberships": [
            {
                "initiative": m.initiative.title,
                "role": m.role,
                "since": m.created_at.isoformat(),
            }
            for m in Membership.objects.filter(user=user).select_related("initiative")
        ],
        "supports": [
            {
                "initiative": s.initiative.title,
                "name_shown": s.show_name,
                "since": s.created_at.isoformat(),
            }
            for s in Support.objects.filter(user=user).select_related("initiative")
        ],
        "updates_written": [
            {
                "initiative": u.initiative.title,
                "title": u.title,
                "text": u.text,
                "lessons_learned": u.lessons_learned,
                "created_at": u.created_at.isoformat(),
            }
            for u in Update.objects.filter(author=user).select_related("initiative")
        ],
        "facilitating": list(
            Initiative.objects.filter(facilitators=user).values_list("title", flat=True)
        ),
        "scenarios_written": [
            {"initiative": s.initiative.title, "title": s.title, "description": s.description}
            for s in Scenario.objects.filter(created_by=user).select_related("initiative")
        ],
        "timeline_steps": [
            {"initiative": e.initiative.title, "kind": e.kind, "at": e.created_at.isoformat()}
            for e in InitiativeTimelineEntry.objects.filter(actor=user).select_related("initiative")
        ],
    }


def anonymise(user: Any) -> None:
    """Supports keep counting (draagvlak) without a name; memberships end; updates stay,
    signed as a former resident (the author's name disappears with the account).

    No draft is left without an owner: a draft the person owned alone goes to its longest
    member, or, without other members, is deleted (it was never public)."""
    Support.objects.filter(user=user).update(show_name=False)
    owned = Membership.objects.filter(user=user, role=Membership.Role.OWNER)
    for initiative in Initiative.objects.filter(
        pk__in=owned.values("initiative"), status=Status.CONCEPT
    ):
        others = initiative.memberships.exclude(user=user)
        if others.filter(role=Membership.Role.OWNER).exists():
            continue
        successor = others.order_by("created_at", "pk").first()
        if successor is None:
            initiative.delete()
        else:
            others.filter(pk=successor.pk).update(role=Membership.Role.OWNER)
    Membership.objects.filter(user=user).delete()
    for initiative in Initiative.objects.filter(facilitators=user):
        initiative.facilitators.remove(user)
