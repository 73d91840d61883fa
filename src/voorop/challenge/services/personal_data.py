"""What the challenge app stores about a person, for the data download and account deletion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from voorop.challenge.models import ChallengeMember, ChallengeSupport

if TYPE_CHECKING:
    from voorop.accounts.models import User


def personal_data_export(user: User) -> dict[str, Any]:
    return {
        "member_of": [
            {"challenge": m.challenge.title, "joined_at": m.joined_at.isoformat()}
            for m in user.challenge_memberships.select_related("challenge")
        ],
        "supported": [
            {"challenge": s.challenge.title, "at": s.created_at.isoformat()}
            for s in user.challenge_supports.select_related("challenge")
        ],
    }


def personal_data_anonymise(user: User) -> None:
    """Supports go (they only count); memberships go too, the group's plan stays."""
    ChallengeSupport.objects.filter(user=user).delete()
    ChallengeMember.objects.filter(user=user).delete()
