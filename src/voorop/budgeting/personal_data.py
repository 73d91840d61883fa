"""What budget rounds store about a person: proposals, their own ballots (secret to
everyone else, but theirs to see), the check of where they live, and the result e-mails
they asked for."""

from __future__ import annotations

from typing import Any

from voorop.budgeting.models import (
    AreaBudgetHolder,
    Ballot,
    Proposal,
    ResidentVerification,
    ResultNotice,
)

# Fields this module covers (tests/security/test_personal_data_walk.py).
COVERS = frozenset(
    {
        "budgeting.Proposal.author",
        "budgeting.Ballot.voter",
        "budgeting.ResultNotice.user",
        "budgeting.ResultNotice.email",
        "budgeting.ResidentVerification.user",
        "budgeting.AreaBudgetHolder.user",
    }
)


def export(user: Any) -> dict[str, Any]:
    verification = ResidentVerification.objects.filter(user=user).select_related("area").first()
    return {
        "proposals": [
            {
                "round": p.round.title,
                "title": p.title,
                "description": p.description,
                "cost_estimate": p.cost_estimate,
                "status": p.status,
                "created_at": p.created_at.isoformat(),
            }
            for p in Proposal.objects.filter(author=user).select_related("round")
        ],
        "ballots": [
            {
                "round": b.round.title,
                "voted_at": b.cast_at.isoformat(),
                "last_changed_at": b.changed_at.isoformat(),
                "choices": {
                    title: b.choices[str(pk)]
                    for pk, title in Proposal.objects.filter(pk__in=b.proposal_ids()).values_list(
                        "pk", "title"
                    )
                },
            }
            for b in Ballot.objects.filter(voter=user).select_related("round")
        ],
        "result_emails_asked_for": [
            {"round": notice.round.title, "email": notice.email}
            for notice in ResultNotice.objects.filter(user=user).select_related("round")
        ],
        "residence_check": (
            {
                "area": verification.area.name,
                "birth_year": verification.birth_year,
                "method": verification.method,
                "checked_at": verification.verified_at.isoformat(),
            }
            if verification
            else None
        ),
        "area_budgets_held": [str(holder) for holder in AreaBudgetHolder.objects.filter(user=user)],
    }


def anonymise(user: Any) -> None:
    # The ballot still counts, but no longer points to anyone. Proposals stay: they are
    # public contributions and show as "Former resident".
    Ballot.objects.filter(voter=user).update(voter=None)
    ResidentVerification.objects.filter(user=user).delete()
    ResultNotice.objects.filter(user=user).delete()
