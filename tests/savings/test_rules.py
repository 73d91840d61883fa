"""Who may do what in a budget dialogue: role × phase → allowed? And the phase table."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import user_with_role
from tests.core.areas.factories import AreaFactory
from tests.rules_matrix import assert_matrix, assert_phase_table, everywhere, only
from tests.savings.factories import PHASES, DialogueFactory, resident
from voorop.savings.phases import SAVINGS_DIALOGUE

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "inwoner",
    "eligible",
    "procesbegeleider",
    "griffie",
    "college",
    "raadslid",
    "beheerder",
]
STAFF = {"procesbegeleider", "griffie", "beheerder"}
ANSWERERS = {"college", "griffie", "beheerder"}

MATRIX = {
    "savings.view_dialogue": everywhere(ROLES, states=PHASES),
    "savings.manage_dialogue": everywhere(STAFF, states=PHASES),
    "savings.add_dialogue": everywhere(STAFF, states=PHASES),
    "savings.set_up_dialogue": only({"upcoming"}, STAFF, states=PHASES),
    "savings.make_plan": only({"open"}, {"eligible"}, states=PHASES),
    "savings.make_plan_with_code": only({"open"}, ROLES, states=PHASES),
    "savings.enter_table_plan": only({"open"}, STAFF, states=PHASES),
    "savings.prepare_codes": only({"upcoming", "open"}, STAFF, states=PHASES),
    "savings.view_results": {
        "upcoming": STAFF,
        "open": STAFF,
        "closed": set(ROLES),
        "answered": set(ROLES),
    },
    "savings.publish_answer": only({"closed"}, ANSWERERS, states=PHASES),
}


def _user(role, dialogue):
    if role == "visitor":
        return AnonymousUser()
    if role == "eligible":
        return resident(dialogue)
    return user_with_role(role)


@pytest.mark.parametrize("phase", PHASES)
def test_role_by_phase_matrix(phase):
    dialogue = DialogueFactory(phase=phase)
    assert dialogue.phase.key == phase
    users = {role: _user(role, dialogue) for role in ROLES}
    assert_matrix(MATRIX, state=phase, users=users, obj=dialogue, states=PHASES)


def test_phase_table():
    assert_phase_table(
        SAVINGS_DIALOGUE,
        {
            "upcoming": {"set_up", "prepare_codes"},
            "open": {"make_plan", "enter_table_plan", "prepare_codes"},
            "closed": {"show_results", "publish_answer"},
            "answered": {"show_results"},
        },
    )


def test_closing_a_way_of_taking_part():
    dialogue = DialogueFactory(accepts_accounts=False, accepts_codes=False)
    assert not resident(dialogue).has_perm("savings.make_plan", dialogue)
    assert not AnonymousUser().has_perm("savings.make_plan_with_code", dialogue)


def test_a_resident_of_another_area_or_too_young_cannot_take_part():
    dialogue = DialogueFactory(area=AreaFactory(), min_age=16)
    outsider = resident(DialogueFactory(area=AreaFactory()))
    assert not outsider.has_perm("savings.make_plan", dialogue)
