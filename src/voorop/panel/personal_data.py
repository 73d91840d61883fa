"""What the citizens' panel stores about a person with an account: their membership (name,
e-mail, features), if they joined while logged in. Answers never hold a member's id, so they
are not personal data of anyone. Deleting the account deletes the membership."""

from __future__ import annotations

from typing import Any

from voorop.panel.models import Member

# Fields this module covers (tests/security/test_personal_data_walk.py).
COVERS = frozenset(
    {
        "panel.Member.user",
        "panel.Member.name",
        "panel.Member.email",
    }
)


def export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "panel": m.panel.title,
            "name": m.name,
            "email": m.email,
            "features": m.features,
            "joined_at": m.joined_at.isoformat(),
            "member_until": m.term_ends_on.isoformat(),
        }
        for m in Member.objects.filter(user=user).select_related("panel")
    ]


def anonymise(user: Any) -> None:
    Member.objects.filter(user=user).delete()
