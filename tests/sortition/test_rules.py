"""The rule matrix: every permission, for every role, in every stage of an assembly."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import user_with_role
from tests.sortition.factories import STAGES, add_invitation, assembly_in, organiser
from voorop.sortition.models import Respondent

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
NOBODY: set[str] = set()


def _only(stages, who):
    return {s: (who if s in stages else NOBODY) for s in STAGES}


BEFORE_PANEL = {"setup", "addresses", "registration", "seeded", "closed", "computed"}
REGISTRATION = {"registration", "seeded"}  # open
CLOSED = {"closed", "computed"}  # closed, no group drawn yet
WITH_DATA = set(STAGES) - {"purged"}

MATRIX = {
    "sortition.view_assembly": _only(STAGES, EVERYONE),
    "sortition.add_assembly": _only(STAGES, STAFF),
    "sortition.view_work_list": _only(STAGES, STAFF),
    "sortition.register": _only(REGISTRATION, EVERYONE),
    "sortition.manage_assembly": _only(STAGES, ORG),
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
    problems = []
    for permission, expected in sorted(MATRIX.items()):
        for role, user in users.items():
            obj = (
                None
                if permission in ("sortition.add_assembly", "sortition.view_work_list")
                else assembly
            )
            allowed = user.has_perm(permission, obj)
            if allowed is not (role in expected[stage]):
                problems.append((permission, role, allowed))
    assert not problems, problems


def test_staff_not_named_as_organiser_cannot_see_the_pool():
    assembly = assembly_in("registration")
    for role in ("griffie", "procesbegeleider", "beheerder"):
        assert not user_with_role(role).has_perm("sortition.view_pool", assembly)
    assert organiser(assembly, "procesbegeleider").has_perm("sortition.view_pool", assembly)
