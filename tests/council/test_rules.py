"""Role × action matrix for the council's instruments."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import user_with_role
from tests.challenge.factories import ChallengeFactory
from tests.council.factories import DecisionFactory, DossierFactory, EventFactory
from voorop.council.models import DossierStatus, FollowUpAction

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "inwoner",
    "challenger",
    "procesbegeleider",
    "raadslid",
    "griffie",
    "college",
    "beheerder",
]
SIGNED_IN = set(ROLES) - {"visitor"}

GLOBAL = {
    "council.manage_dossiers": {"raadslid", "griffie"},
    "council.manage_decisions": {"griffie"},
    "council.manage_events": {"griffie"},
}


def _user(role, challenge=None):
    if role == "visitor":
        return AnonymousUser()
    if role == "challenger":
        from voorop.challenge.models import ChallengeMember

        user = user_with_role("inwoner")
        if challenge is not None:
            ChallengeMember.objects.create(challenge=challenge, user=user)
        return user
    return user_with_role(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(GLOBAL))
def test_global_permission_matrix(role, permission):
    assert _user(role).has_perm(permission) is (role in GLOBAL[permission])


@pytest.mark.parametrize("status", DossierStatus.values)
@pytest.mark.parametrize("role", ROLES)
def test_set_anchor_points_only_before_society_starts(role, status):
    dossier = DossierFactory(status=status)
    expected = role in {"raadslid", "griffie"} and status == DossierStatus.PREPARING
    assert _user(role).has_perm("council.set_anchor_points", dossier) is expected


@pytest.mark.parametrize("status", DossierStatus.values)
@pytest.mark.parametrize("role", ROLES)
def test_respond_to_anchor_points_is_for_the_group_while_open(role, status):
    challenge = ChallengeFactory(dossier=DossierFactory(status=status), submitter=None)
    expected = role == "challenger" and status == DossierStatus.OPEN
    assert _user(role, challenge).has_perm("council.respond_anchor_points", challenge) is expected


@pytest.mark.parametrize("role", ROLES)
def test_judge_anchor_points(role):
    challenge = ChallengeFactory(dossier=DossierFactory())
    expected = role in {"procesbegeleider", "college", "beheerder"}
    assert _user(role).has_perm("council.judge_anchor_points", challenge) is expected


@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("role", ROLES)
def test_view_decision_and_reflect(role, published):
    decision = DecisionFactory(draft=not published)
    user = _user(role)
    assert user.has_perm("council.view_decision", decision) is (
        published or role in {"raadslid", "griffie"}
    )
    assert user.has_perm("council.reflect", decision) is (role == "raadslid")


@pytest.mark.parametrize("when", ["upcoming", "past"])
@pytest.mark.parametrize("guests", [True, False])
@pytest.mark.parametrize("role", ROLES)
def test_event_permissions(role, guests, when):
    event = EventFactory(past=when == "past", guests_may_sign_up=guests)
    user = _user(role)
    upcoming = when == "upcoming"
    signed_in = role in SIGNED_IN
    assert user.has_perm("council.sign_up", event) is (upcoming and (signed_in or guests))
    assert user.has_perm("council.propose_topic", event) is (upcoming and signed_in)
    assert user.has_perm("council.record_harvest", event) is (not upcoming and role == "griffie")
    assert user.has_perm("council.add_follow_up", event) is (not upcoming and role == "griffie")
    assert user.has_perm("council.view_sign_ups", event) is (role == "griffie")


@pytest.mark.parametrize("role", ROLES)
def test_update_follow_up_is_for_griffie_and_the_owner(role):
    owner = user_with_role("procesbegeleider")
    action = FollowUpAction.objects.create(event=EventFactory(past=True), title="x", owner=owner)
    assert _user(role).has_perm("council.update_follow_up", action) is (role == "griffie")
    assert owner.has_perm("council.update_follow_up", action)
