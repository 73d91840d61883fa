"""Role × action × card state matrix for the Ho-stop card (docs/permissions/hostop.md).

The card pauses a running initiative. Its parties are the initiative's owner and member, the
process facilitator and the councillor who raised it; "raadslid" is another councillor, not a
party. States: the card is open and nobody consented yet ("open"), every party but the raiser
consented ("consented"; still open), or everyone consented and the process resumed ("resumed").
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import UserFactory, user_with_role
from tests.initiatives.factories import InitiativeFactory, MembershipFactory, owner_of
from voorop.hostop import services

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "inwoner",
    "owner",
    "member",
    "facilitator",
    "raiser",
    "raadslid",
    "loketmedewerker",
    "beheerder",
]
PARTIES = {"owner", "member", "facilitator", "raiser"}
STATES = ["open", "consented", "resumed"]
# Who has consented in each state (the raiser last: their consent resumes the process).
CONSENTED = {
    "open": [],
    "consented": ["owner", "member", "facilitator"],
    "resumed": ["owner", "member", "facilitator", "raiser"],
}

# permission → state → roles allowed. raise_card asks about the initiative, the others about
# the card.
EXPECTED = {
    # A paused process cannot be paused again; once resumed, a new card may be raised.
    "hostop.raise_card": {
        "open": set(),
        "consented": set(),
        "resumed": {"owner", "member", "facilitator", "raiser", "raadslid"},
    },
    "hostop.view_card": {state: set(ROLES) for state in STATES},
    "hostop.propose_adjustment": {"open": PARTIES, "consented": PARTIES, "resumed": set()},
    "hostop.consent": {"open": PARTIES, "consented": {"raiser"}, "resumed": set()},
}


def _situation(state):
    initiative = InitiativeFactory(running=True)
    people = {
        "visitor": AnonymousUser(),
        "inwoner": UserFactory(),
        "owner": owner_of(initiative),
        "member": MembershipFactory(initiative=initiative).user,
        "facilitator": user_with_role("procesbegeleider"),
        "raiser": user_with_role("raadslid"),
        "raadslid": user_with_role("raadslid"),
        "loketmedewerker": user_with_role("loketmedewerker"),
        "beheerder": user_with_role("beheerder"),
    }
    initiative.facilitators.add(people["facilitator"])
    card = services.hostop_raise(target=initiative, actor=people["raiser"], reason="Even pauze.")
    for role in CONSENTED[state]:
        services.hostop_consent(card=card, actor=people[role])
    card.refresh_from_db()
    initiative.refresh_from_db()
    assert card.is_open is (state != "resumed")
    return initiative, card, people


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_hostop_permission_matrix(permission, state):
    initiative, card, people = _situation(state)
    target = initiative if permission == "hostop.raise_card" else card
    for role in ROLES:
        allowed = role in EXPECTED[permission][state]
        assert people[role].has_perm(permission, target) is allowed, (permission, state, role)
