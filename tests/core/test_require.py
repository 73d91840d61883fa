"""`require`: the one permission check at the top of every service."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from tests.accounts.factories import user_with_role
from voorop.core.permissions import require


@pytest.mark.django_db
def test_require_lets_through_who_may_and_names_the_permission_otherwise():
    require(user_with_role("beheerder"), "core.view_audit_log")
    for user in (user_with_role("inwoner"), AnonymousUser(), None):
        with pytest.raises(PermissionDenied) as raised:
            require(user, "core.view_audit_log")
        assert raised.value.args == ("core.view_audit_log",)


def test_require_passes_the_object_to_the_rules():
    seen = []

    class User:
        def has_perm(self, permission, obj=None):
            seen.append((permission, obj))
            return obj == "mine"

    require(User(), "x.change", "mine")
    with pytest.raises(PermissionDenied):
        require(User(), "x.change", "theirs")
    assert seen == [("x.change", "mine"), ("x.change", "theirs")]
