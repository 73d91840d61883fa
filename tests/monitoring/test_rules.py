"""Role × action matrix of monitoring."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import UserFactory, user_with_role
from tests.initiatives.factories import InitiativeFactory
from tests.monitoring.factories import ProgrammeFactory
from tests.rules_matrix import assert_matrix, everywhere, only

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "inwoner",
    "member",
    "loketmedewerker",
    "procesbegeleider",
    "raadslid",
    "griffie",
    "college",
    "beheerder",
]
STAFF = {"loketmedewerker", "procesbegeleider", "raadslid", "griffie", "college", "beheerder"}
STATES = ["public", "not_public"]

MATRIX = {
    "monitoring.view_dashboard": everywhere(ROLES, states=STATES),
    "monitoring.view_programme": {"public": set(ROLES), "not_public": STAFF},
    "monitoring.view_staff_dashboard": everywhere(STAFF, states=STATES),
    "monitoring.manage_indicators": everywhere({"beheerder"}, states=STATES),
    "monitoring.manage_programmes": everywhere({"beheerder"}, states=STATES),
    "monitoring.take_snapshot": everywhere({"beheerder"}, states=STATES),
    "monitoring.enter_values": everywhere({"beheerder", "procesbegeleider"}, states=STATES),
    "monitoring.keep_learning_log": everywhere(
        {"beheerder", "procesbegeleider", "member"}, states=STATES
    ),
}


@pytest.mark.parametrize("state", STATES)
def test_monitoring_matrix(state):
    member = UserFactory()
    experiment = InitiativeFactory(running=True, is_experiment=True, owner=member)
    programme = ProgrammeFactory(is_public=state == "public")
    users = {
        "visitor": AnonymousUser(),
        "inwoner": UserFactory(),
        "member": member,
        **{role: user_with_role(role) for role in ROLES[3:]},
    }
    assert_matrix(
        MATRIX,
        state=state,
        users=users,
        objects={
            "monitoring.view_programme": programme,
            "monitoring.keep_learning_log": experiment,
        },
        states=STATES,
    )


def test_only_members_of_a_running_experiment_keep_its_log():
    member = UserFactory()
    stopped = InitiativeFactory(stopped=True, is_experiment=True, owner=member)
    assert not member.has_perm("monitoring.keep_learning_log", stopped)
    assert only  # the harness's helpers are used above
