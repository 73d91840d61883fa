"""The rule matrix: every permission, for every role, in every stage of an assembly."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import user_with_role
from tests.rules_matrix import assert_matrix, assert_phase_table, everywhere, only
from tests.sortition.factories import STAGES, add_invitation, assembly_in, organiser
from voorop.sortition.models import Respondent
from voorop.sortition.phases import ASSEMBLY, Action

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "inwoner",
    "respondent",
    "organiser",
    "procesbegeleider",
    "raadslid",
    "college",
    "beheerder",
]
STAFF = {"organiser", "procesbegeleider", "beheerder"}
EVERYONE = set(ROLES)
ORG = {"organiser"}


def _only(stages, who):
    return only(stages, who, states=STAGES)


BEFORE_PANEL = {"setup", "addresses", "registration", "seeded", "closed", "computed"}
REGISTRATION = {"registration", "seeded"}  # open
CLOSED = {"closed", "computed"}  # closed, no group drawn yet
WITH_DATA = set(STAGES) - {"purged"}

MATRIX = {
    "sortition.view_assembly": everywhere(EVERYONE, states=STAGES),
    "sortition.add_assembly": everywhere(STAFF, states=STAGES),
    "sortition.view_work_list": everywhere(STAFF, states=STAGES),
    "sortition.register": _only(REGISTRATION, EVERYONE),
    "sortition.manage_assembly": everywhere(ORG, states=STAGES),
    "sortition.change_assembly": _only(BEFORE_PANEL, ORG),
    "sortition.import_addresses": _only({"setup", "addresses"}, ORG),
    "sortition.draw_invitations": _only({"addresses"}, ORG),
    "sortition.download_letters": _only(REGISTRATION, ORG),
    "sortition.enter_paper_reply": _only(REGISTRATION, ORG),
    "sortition.close_registration": _only(REGISTRATION, ORG),
    "sortition.reopen_registration": _only(CLOSED, ORG),
    "sortition.view_pool": _only(WITH_DATA, ORG),
    "sortition.set_quotas": _only(BEFORE_PANEL, ORG),
    "sortition.fix_seed": _only({"setup", "addresses", "registration"}, ORG),
    "sortition.compute_selection": _only(CLOSED, ORG),
    "sortition.draw_panel": _only({"computed"}, ORG),
    "sortition.record_dropout": _only({"panel", "published"}, ORG),
    "sortition.export_panel": _only({"panel", "published"}, ORG),
    "sortition.publish_report": _only({"panel"}, ORG),
    "sortition.view_report": _only({"published", "purged"}, EVERYONE),
    "sortition.delete_pool": _only(WITH_DATA, ORG),
}


def user_for(role: str, assembly):
    if role == "visitor":
        return AnonymousUser()
    if role == "organiser":
        return organiser(assembly, "griffie")
    if role == "respondent":
        user = user_with_role("inwoner")
        if not assembly.invitations_drawn_at:
            return user  # nobody can have registered yet
        invitation, _code = add_invitation(assembly)
        Respondent.objects.create(
            assembly=assembly,
            invitation=invitation,
            user=user,
            name="Resp",
            email="r@example.org",
            features={},
            consent_at=assembly.created_at,
        )
        return user
    return user_with_role(role)


@pytest.mark.parametrize("stage", STAGES)
def test_rule_matrix(stage):
    assembly = assembly_in(stage)
    users = {role: user_for(role, assembly) for role in ROLES}
    assert_matrix(
        MATRIX,
        state=stage,
        users=users,
        obj=assembly,
        objects=dict.fromkeys(["sortition.add_assembly", "sortition.view_work_list"]),
        states=STAGES,
    )


BEFORE_THE_GROUP = {Action.CHANGE_ASSEMBLY, Action.SET_QUOTAS, Action.FIX_SEED}
WITH_THE_POOL = {Action.VIEW_POOL, Action.DELETE_POOL}


def test_the_stage_table():
    """What each stage enables (decision 0012); who may is the matrix above."""
    assert_phase_table(
        ASSEMBLY,
        {
            "setup": {
                *BEFORE_THE_GROUP,
                *WITH_THE_POOL,
                Action.IMPORT_ADDRESSES,
                Action.DRAW_INVITATIONS,
            },
            "registration": {
                *BEFORE_THE_GROUP,
                *WITH_THE_POOL,
                Action.REGISTER,
                Action.DOWNLOAD_LETTERS,
                Action.ENTER_PAPER_REPLY,
                Action.CLOSE_REGISTRATION,
            },
            "closed": {
                *BEFORE_THE_GROUP,
                *WITH_THE_POOL,
                Action.REOPEN_REGISTRATION,
                Action.COMPUTE_SELECTION,
                Action.DRAW_PANEL,
            },
            "panel": {
                *WITH_THE_POOL,
                Action.RECORD_DROPOUT,
                Action.EXPORT_PANEL,
                Action.PUBLISH_REPORT,
            },
            "purged": set(),
        },
    )


@pytest.mark.parametrize(
    ("stage", "phase"),
    [
        ("setup", "setup"),
        ("addresses", "setup"),
        ("registration", "registration"),
        ("seeded", "registration"),
        ("closed", "closed"),
        ("computed", "closed"),
        ("panel", "panel"),
        ("published", "panel"),
        ("purged", "purged"),
    ],
)
def test_the_stage_is_the_last_milestone_recorded(stage, phase):
    assembly = assembly_in(stage)
    assert assembly.phase is ASSEMBLY.phase(phase) and assembly.stage == phase


def test_a_group_drawn_before_the_close_step_existed_is_in_the_panel_stage():
    assembly = assembly_in("seeded")
    assembly.panel_drawn_at = assembly.seed_fixed_at
    assert assembly.registration_closed_at is None and assembly.stage == "panel"
    assert str(assembly.get_stage_display()) == "Groep geloot"


def test_staff_not_named_as_organiser_cannot_see_the_pool():
    assembly = assembly_in("registration")
    for role in ("griffie", "procesbegeleider", "beheerder"):
        assert not user_with_role(role).has_perm("sortition.view_pool", assembly)
    assert organiser(assembly, "procesbegeleider").has_perm("sortition.view_pool", assembly)
