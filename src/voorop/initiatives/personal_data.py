"""What the initiatives app stores about a person: memberships, supports, updates written."""

from __future__ import annotations

from typing import Any

from voorop.initiatives.models import Membership, Support, Update


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
    }


def anonymise(user: Any) -> None:
    """Supports keep counting (draagvlak) without a name; memberships end; updates stay,
    signed as a former resident (the author's name disappears with the account)."""
    Support.objects.filter(user=user).update(show_name=False)
    Membership.objects.filter(user=user).delete()
