"""Who may do what in a pitch battle: role × stage → allowed?"""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import user_with_role
from tests.battles.factories import STAGES, BattleFactory, EntryFactory, juror
from tests.rules_matrix import assert_matrix, assert_phase_table, everywhere, only
from voorop.battles.phases import PITCH_BATTLE

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "inwoner", "author", "juror", "procesbegeleider", "griffie", "raadslid"]
ORGANISERS = {"procesbegeleider", "griffie"}
SIGNED_IN = set(ROLES) - {"visitor"}

BATTLE_MATRIX = {
    "battles.view_battle": everywhere(ROLES, states=STAGES),
    "battles.manage_battle": everywhere(ORGANISERS, states=STAGES),
    "battles.add_battle": everywhere(ORGANISERS, states=STAGES),
    "battles.set_up_battle": only({"entries"}, ORGANISERS, states=STAGES),
    "battles.add_entry": only({"entries"}, ORGANISERS, states=STAGES),
    "battles.submit_entry": only({"entries"}, SIGNED_IN, states=STAGES),
    "battles.add_entry_from_initiative": only({"entries"}, ORGANISERS, states=STAGES),
    "battles.score": only({"scoring"}, {"juror"}, states=STAGES),
    "battles.public_vote": only({"scoring"}, SIGNED_IN, states=STAGES),
    "battles.view_results": {
        "entries": ORGANISERS,
        "scoring": ORGANISERS,
        "published": set(ROLES),
    },
}
ENTRY_MATRIX = {
    "battles.follow_up": only({"published"}, ORGANISERS | {"author"}, states=STAGES),
    "battles.make_initiative": only({"published"}, {"author"}, states=STAGES),
    "battles.make_proposal": only({"published"}, ORGANISERS, states=STAGES),
}


@pytest.mark.parametrize("stage", STAGES)
def test_role_by_stage_matrix(stage):
    battle = BattleFactory(stage=stage)
    entry = EntryFactory(battle=battle)
    users = {
        "visitor": AnonymousUser(),
        "author": entry.author,
        "juror": juror(battle).user,
        **{role: user_with_role(role) for role in ["inwoner", *ORGANISERS, "raadslid"]},
    }
    assert_matrix(BATTLE_MATRIX, state=stage, users=users, obj=battle, states=STAGES)
    assert_matrix(ENTRY_MATRIX, state=stage, users=users, obj=entry, states=STAGES)


def test_the_public_vote_only_when_the_organiser_wants_it():
    battle = BattleFactory(public_vote=False)
    assert not user_with_role("inwoner").has_perm("battles.public_vote", battle)


def test_stage_table():
    assert_phase_table(
        PITCH_BATTLE,
        {
            "entries": {"submit_entry"},
            "scoring": {"score", "public_vote"},
            "published": {"show_results", "follow_up"},
        },
    )
