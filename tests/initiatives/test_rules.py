"""Role × action (× status) matrix for the initiatives permissions.

Roles: visitor, a plain inwoner, the initiative's owner and member, and the staff roles.
The procesbegeleider here is not (yet) a facilitator of the initiative: staff rights come
from the role; being a facilitator only matters for raising a Ho-stop card.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import user_with_role
from tests.initiatives.factories import InitiativeFactory, MembershipFactory, owner_of
from voorop.hostop.protocol import adapter_for
from voorop.initiatives.models import Status

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "inwoner",
    "owner",
    "member",
    "loketmedewerker",
    "procesbegeleider",
    "raadslid",
    "beheerder",
]
SIGNED_IN = set(ROLES) - {"visitor"}
STAFF = {"loketmedewerker", "procesbegeleider", "beheerder"}
OPEN = [s for s in Status if s not in {Status.COMPLETED, Status.STOPPED}]
ALL = list(Status)

# permission → {status: roles allowed}
MATRIX = {
    "initiatives.view_initiative": {
        s: ({"owner", "member"} | STAFF) if s == Status.CONCEPT else set(ROLES) for s in ALL
    },
    "initiatives.change_initiative": {s: {"owner"} | STAFF if s in OPEN else set() for s in ALL},
    "initiatives.manage_members": {s: {"owner"} if s in OPEN else set() for s in ALL},
    "initiatives.add_scenario": {
        s: {"owner", "member"} | STAFF if s in OPEN else set() for s in ALL
    },
    "initiatives.post_update": {
        s: set() if s == Status.STOPPED else {"owner", "member"} for s in ALL
    },
    "initiatives.support_initiative": {
        s: SIGNED_IN
        if s in {Status.SUBMITTED, Status.IN_CONVERSATION, Status.RUNNING, Status.PAUSED}
        else set()
        for s in ALL
    },
    "initiatives.assign_facilitator": {s: STAFF if s in OPEN else set() for s in ALL},
    "initiatives.submit_initiative": {s: {"owner"} if s == Status.CONCEPT else set() for s in ALL},
    "initiatives.discuss_initiative": {s: STAFF if s == Status.SUBMITTED else set() for s in ALL},
    "initiatives.run_initiative": {s: STAFF if s == Status.IN_CONVERSATION else set() for s in ALL},
    "initiatives.finish_initiative": {
        s: {"owner"} | STAFF if s == Status.RUNNING else set() for s in ALL
    },
    "initiatives.stop_initiative": {
        s: {"owner", "beheerder"}
        if s in {Status.SUBMITTED, Status.IN_CONVERSATION, Status.RUNNING, Status.PAUSED}
        else set()
        for s in ALL
    },
}

GLOBAL = {
    "initiatives.add_initiative": SIGNED_IN,
    "initiatives.view_attention_list": STAFF,
}


def _user(role, initiative):
    if role == "visitor":
        return AnonymousUser()
    if role == "owner":
        return owner_of(initiative)
    if role == "member":
        return MembershipFactory(initiative=initiative).user
    return user_with_role(role)


@pytest.fixture
def initiatives():
    """One initiative per status, and for each the people in every role."""
    made = {status: InitiativeFactory(status=status) for status in Status}
    people = {
        (status, role): _user(role, initiative)
        for status, initiative in made.items()
        for role in ROLES
    }
    return made, people


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_permission_matrix(initiatives, permission):
    made, people = initiatives
    wrong = []
    for status in Status:
        for role in ROLES:
            expected = role in MATRIX[permission][status]
            if people[(status, role)].has_perm(permission, made[status]) is not expected:
                wrong.append(f"{role} in {status}: expected {expected}")
    assert not wrong, f"{permission}: " + "; ".join(wrong)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(GLOBAL))
def test_global_permissions(role, permission):
    user = (
        AnonymousUser()
        if role == "visitor"
        else user_with_role("inwoner" if role in {"owner", "member"} else role)
    )
    assert user.has_perm(permission) is (role in GLOBAL[permission])


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("visitor", False),
        ("inwoner", False),
        ("owner", True),
        ("member", True),
        ("loketmedewerker", False),
        ("procesbegeleider", False),
        ("facilitator", True),
        ("raadslid", True),
        ("beheerder", False),
    ],
)
def test_who_may_raise_a_hostop_card(role, allowed):
    initiative = InitiativeFactory(running=True)
    if role == "facilitator":
        user = user_with_role("procesbegeleider")
        initiative.facilitators.add(user)
    else:
        user = _user(role, initiative)
    assert adapter_for(initiative).may_raise(user, initiative) is allowed


def test_inactive_owner_has_no_rights():
    initiative = InitiativeFactory()
    owner = owner_of(initiative)
    owner.is_active = False
    owner.save()
    assert not owner.has_perm("initiatives.submit_initiative", initiative)
