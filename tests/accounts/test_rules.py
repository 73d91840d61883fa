"""Role × action matrix for the platform-wide permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "inwoner",
    "initiatiefnemer",
    "loketmedewerker",
    "procesbegeleider",
    "raadslid",
    "griffie",
    "college",
    "beheerder",
]
SIGNED_IN = set(ROLES) - {"visitor"}

MATRIX = {
    "core.use_back_office": {"beheerder"},
    "core.view_audit_log": {"beheerder"},
    "accounts.grant_roles": {"beheerder"},
    "accounts.view_own_profile": SIGNED_IN,
    "accounts.export_own_data": SIGNED_IN,
    "accounts.delete_own_account": SIGNED_IN,
}


def _user(role):
    return AnonymousUser() if role == "visitor" else user_with_role(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_permission_matrix(role, permission):
    assert _user(role).has_perm(permission) is (role in MATRIX[permission])


def test_inactive_beheerder_has_no_rights():
    user = user_with_role("beheerder")
    user.is_active = False
    user.save()
    assert not user.has_perm("core.use_back_office")
