"""What the challenge app stores about a person, for the data download and account deletion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q

from voorop.challenge.models import Challenge, ChallengeMember, ChallengeSupport, SignatureList
from voorop.challenge.services._common import changes_register

# Fields this module covers (tests/security/test_personal_data_walk.py).
COVERS = frozenset(
    {
        "challenge.Challenge.submitter",
        "challenge.Challenge.members",
        "challenge.Challenge.handler",
        "challenge.ChallengeMember.user",
        "challenge.ChallengeSupport.user",
        "challenge.SignatureList.uploaded_by",
    }
)

if TYPE_CHECKING:
    from voorop.accounts.models import User


def personal_data_export(user: User) -> dict[str, Any]:
    return {
        "submitted": [
            {"challenge": c.title, "group": c.group_name, "stage": c.stage}
            for c in Challenge.objects.filter(submitter=user)
        ],
        "member_of": [
            {"challenge": m.challenge.title, "joined_at": m.joined_at.isoformat()}
            for m in user.challenge_memberships.select_related("challenge")
        ],
        "supported": [
            {"challenge": s.challenge.title, "at": s.created_at.isoformat()}
            for s in user.challenge_supports.select_related("challenge")
        ],
        # The scans themselves hold other people's signatures: the group and staff see
        # them in the challenge; the download lists what one uploaded.
        "signature_lists_uploaded": [
            {
                "challenge": s.challenge.title,
                "signatures": s.signatures,
                "uploaded_at": s.uploaded_at.isoformat(),
            }
            for s in SignatureList.objects.filter(uploaded_by=user).select_related("challenge")
        ],
        "handling_as_facilitator": list(
            Challenge.objects.filter(Q(handler=user)).values_list("title", flat=True)
        ),
    }


@changes_register
def personal_data_anonymise(user: User) -> None:
    """Supports go (they only count); memberships go too, the group's plan stays; the
    signature lists stay with the challenge, no longer linked to the person."""
    ChallengeSupport.objects.filter(user=user).delete()
    ChallengeMember.objects.filter(user=user).delete()
    SignatureList.objects.filter(uploaded_by=user).update(uploaded_by=None)
