"""The rule matrix: every permission of the citizens' panel, for every role, in every phase of
a consultation."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.accounts.factories import user_with_role
from tests.panel.factories import PHASES, MemberFactory, consultation_in, organiser
from tests.rules_matrix import assert_matrix, assert_phase_table, everywhere, only
from voorop.panel.models import OpinionMap
from voorop.panel.phases import CONSULTATION, OPINION_MAP, Action, MapAction

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "inwoner", "member", "organiser", "procesbegeleider", "raadslid", "beheerder"]
EVERYONE = set(ROLES)
STAFF = {"organiser", "procesbegeleider", "beheerder"}  # the organiser is griffie
ORG = {"organiser"}

MATRIX = {
    "panel.view_panel": everywhere(EVERYONE, states=PHASES),
    "panel.sign_up": everywhere(EVERYONE, states=PHASES),
    "panel.add_panel": everywhere(STAFF, states=PHASES),
    "panel.view_work_list": everywhere(STAFF, states=PHASES),
    "panel.manage_panel": everywhere(ORG, states=PHASES),
    "panel.change_panel": everywhere(ORG, states=PHASES),
    "panel.view_members": everywhere(ORG, states=PHASES),
    "panel.remove_member": everywhere(ORG, states=PHASES),
    "panel.add_consultation": everywhere(ORG, states=PHASES),
    "panel.change_consultation": only({"draft"}, ORG, states=PHASES),
    "panel.send_consultation": only({"draft"}, ORG, states=PHASES),
    "panel.answer": only({"open"}, EVERYONE, states=PHASES),
    "panel.view_results": only({"closed", "reported"}, ORG, states=PHASES),
    "panel.publish_feedback": only({"closed"}, ORG, states=PHASES),
    "panel.view_public_results": only({"reported"}, EVERYONE, states=PHASES),
}
ON_PANEL = {
    "panel.view_panel",
    "panel.sign_up",
    "panel.manage_panel",
    "panel.change_panel",
    "panel.view_members",
    "panel.remove_member",
    "panel.add_consultation",
}
GLOBAL = {"panel.add_panel", "panel.view_work_list"}


@pytest.mark.parametrize("phase", PHASES)
def test_panel_matrix(phase):
    consultation = consultation_in(phase)
    panel = consultation.panel
    member = MemberFactory(panel=panel)
    member.user = user_with_role("inwoner")
    member.save()
    users = {
        "visitor": AnonymousUser(),
        "inwoner": user_with_role("inwoner"),
        "member": member.user,
        "organiser": organiser(panel),
        "procesbegeleider": user_with_role("procesbegeleider"),
        "raadslid": user_with_role("raadslid"),
        "beheerder": user_with_role("beheerder"),
    }
    objects = dict.fromkeys(ON_PANEL, panel) | dict.fromkeys(GLOBAL)
    assert_matrix(
        MATRIX, state=phase, users=users, obj=consultation, objects=objects, states=PHASES
    )


MAP_STATES = ["open", "closed"]
MAP_MATRIX = {
    "panel.vote_on_map": only({"open"}, EVERYONE, states=MAP_STATES),
    "panel.add_statement": only({"open"}, EVERYONE, states=MAP_STATES),
    "panel.close_map": everywhere(ORG, states=MAP_STATES),
}


@pytest.mark.parametrize("state", MAP_STATES)
def test_opinion_map_matrix(state):
    consultation = consultation_in("draft")
    panel = consultation.panel
    closes_at = timezone.now() - timedelta(minutes=1) if state == "closed" else None
    opinion_map = OpinionMap.objects.create(
        panel=panel, title="Kaart", intro="Stem.", closes_at=closes_at
    )
    member = MemberFactory(panel=panel)
    member.user = user_with_role("inwoner")
    member.save()
    users = {
        "visitor": AnonymousUser(),
        "inwoner": user_with_role("inwoner"),
        "member": member.user,
        "organiser": organiser(panel),
        "procesbegeleider": user_with_role("procesbegeleider"),
        "raadslid": user_with_role("raadslid"),
        "beheerder": user_with_role("beheerder"),
    }
    # Closing is asked of the panel; voting and statements of the map (its phase).
    objects = {"panel.close_map": panel}
    assert_matrix(
        MAP_MATRIX,
        state=state,
        users=users,
        obj=opinion_map,
        objects=objects,
        states=MAP_STATES,
    )


def test_map_phase_table():
    assert_phase_table(
        OPINION_MAP,
        {"open": {MapAction.VOTE, MapAction.ADD_STATEMENT}, "closed": set()},
    )


def test_closed_signup_needs_a_letter():
    consultation = consultation_in("draft")
    panel = consultation.panel
    panel.open_signup = False
    panel.save()
    assert not user_with_role("inwoner").has_perm("panel.sign_up", panel)


def test_phase_table():
    assert_phase_table(
        CONSULTATION,
        {
            "draft": {Action.EDIT, Action.SEND},
            "open": {Action.ANSWER, Action.REMIND},
            "closed": {Action.VIEW_RESULTS, Action.PUBLISH_FEEDBACK},
            "reported": {Action.VIEW_RESULTS, Action.VIEW_PUBLIC_RESULTS},
        },
    )
