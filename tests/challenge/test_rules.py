"""Role × action (× stage) matrix for the right to challenge."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import user_with_role
from tests.challenge.factories import ChallengeFactory, TaskFactory
from voorop.challenge.models import ChallengeMember, Stage

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
ALL_STAGES = set(Stage.values)
BEFORE_DECISION = {"submitted", "exploratory_talk", "assessment", "decision"}
OPEN = ALL_STAGES - {"completed", "refused", "withdrawn"}

# Global permissions: permission → roles
GLOBAL = {
    "challenge.view_catalogue": set(ROLES),
    "challenge.manage_tasks": {"beheerder"},
    "challenge.configure_procedure": {"beheerder"},
    "challenge.view_work_list": {"procesbegeleider", "college", "beheerder"},
    "challenge.view_mine": SIGNED_IN,
}

# Object permissions: permission → (roles, stages where those roles may)
ON_CHALLENGE = {
    "challenge.support": (SIGNED_IN - {"challenger"}, BEFORE_DECISION),
    "challenge.edit": ({"challenger"}, {"submitted", "exploratory_talk", "assessment"}),
    "challenge.add_member": ({"challenger"}, OPEN),
    "challenge.upload_signatures": ({"challenger"}, BEFORE_DECISION),
    "challenge.withdraw": ({"challenger"}, OPEN),
    "challenge.view_signatures": (
        {"challenger", "procesbegeleider", "college", "beheerder"},
        ALL_STAGES,
    ),
    "challenge.acknowledge": ({"procesbegeleider"}, {"submitted"}),
    "challenge.mark_incomplete": (
        {"procesbegeleider"},
        {"submitted", "exploratory_talk", "assessment"},
    ),
    "challenge.record_talk": ({"procesbegeleider"}, {"exploratory_talk"}),
    "challenge.assess": ({"procesbegeleider"}, {"assessment"}),
    "challenge.decide": ({"college"}, {"decision"}),
    "challenge.record_agreement": ({"procesbegeleider"}, {"agreement"}),
    "challenge.start_evaluation": ({"procesbegeleider"}, {"running"}),
    "challenge.evaluate": ({"procesbegeleider"}, {"evaluation"}),
}


def _user(role, challenge=None):
    if role == "visitor":
        return AnonymousUser()
    if role == "challenger":
        user = user_with_role("inwoner")
        if challenge is not None:
            ChallengeMember.objects.create(challenge=challenge, user=user)
        return user
    return user_with_role(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(GLOBAL))
def test_global_permission_matrix(role, permission):
    assert _user(role).has_perm(permission) is (role in GLOBAL[permission])


@pytest.mark.parametrize("role", ROLES)
def test_submit_needs_an_account_and_an_open_task(role):
    user = _user(role)
    assert user.has_perm("challenge.submit", TaskFactory()) is (role in SIGNED_IN)
    assert user.has_perm("challenge.submit", TaskFactory(is_open=False)) is False


@pytest.mark.parametrize("stage", sorted(ALL_STAGES))
@pytest.mark.parametrize("permission", sorted(ON_CHALLENGE))
def test_challenge_permission_matrix(permission, stage):
    challenge = ChallengeFactory(stage=stage, submitter=None)
    roles, stages = ON_CHALLENGE[permission]
    for role in ROLES:
        expected = role in roles and stage in stages
        assert _user(role, challenge).has_perm(permission, challenge) is expected, (
            f"{role} {permission} in {stage}"
        )


@pytest.mark.parametrize("permission", ["challenge.start_evaluation", "challenge.withdraw"])
def test_a_paused_challenge_blocks_every_step(permission):
    challenge = ChallengeFactory(running=True, paused=True, submitter=None)
    for role in ("challenger", "procesbegeleider"):
        assert not _user(role, challenge).has_perm(permission, challenge)


def test_staff_cannot_assess_while_information_is_missing():
    challenge = ChallengeFactory(stage=Stage.ASSESSMENT, complete_at=None)
    assert not user_with_role("procesbegeleider").has_perm("challenge.assess", challenge)
    assert not user_with_role("procesbegeleider").has_perm("challenge.mark_incomplete", challenge)
