"""The roles of the rule matrix: a visitor, a plain inwoner, an eligible (checked) resident
of the round's area, the proposal's author, and the staff roles."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import user_with_role
from tests.budgeting.factories import eligible_voter

ROLES = [
    "visitor",
    "inwoner",
    "eligible",
    "proposer",
    "procesbegeleider",
    "raadslid",
    "college",
    "beheerder",
]
SIGNED_IN = set(ROLES) - {"visitor"}
ROUND_STAFF = {"procesbegeleider", "beheerder"}


def user_for(role: str, budget_round, proposal=None):
    if role == "visitor":
        return AnonymousUser()
    if role == "eligible":
        return eligible_voter(budget_round)
    if role == "proposer":
        assert proposal is not None
        return proposal.author
    return user_with_role(role)
