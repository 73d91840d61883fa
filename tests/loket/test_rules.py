"""Role × action matrix of the desk."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import UserFactory, user_with_role
from tests.loket.factories import DeskItemFactory
from voorop.loket.models import ItemStatus

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "inwoner",
    "submitter",
    "contact",
    "loketmedewerker",
    "procesbegeleider",
    "raadslid",
    "beheerder",
]
STAFF = {"loketmedewerker", "beheerder"}

MATRIX = {
    "loket.submit_item": set(ROLES),
    "loket.view_own_items": set(ROLES) - {"visitor"},
    "loket.register_item": STAFF,
    "loket.view_queue": STAFF | {"procesbegeleider"},
    "loket.view_item": STAFF | {"procesbegeleider", "contact"},
    "loket.refer_item": STAFF | {"contact"},
    "loket.handle_item": STAFF | {"contact"},
    "loket.close_item": STAFF | {"contact"},
    "loket.convert_item": STAFF | {"procesbegeleider"},
    "loket.configure_desk": {"beheerder"},
}


def _setup(role, status=ItemStatus.REFERRED):
    item = DeskItemFactory(status=status)
    if role == "visitor":
        return AnonymousUser(), item
    if role == "submitter":
        user = UserFactory()
        item.submitter = user
    elif role == "contact":
        user = UserFactory()
        item.assignee = user
    else:
        user = user_with_role(role)
    item.save()
    return user, item


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix_on_open_item(role, permission):
    user, item = _setup(role)
    assert user.has_perm(permission, item) is (role in MATRIX[permission])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "permission",
    ["loket.refer_item", "loket.handle_item", "loket.close_item", "loket.convert_item"],
)
def test_nobody_acts_on_a_closed_item(role, permission):
    user, item = _setup(role, status=ItemStatus.CLOSED)
    assert not user.has_perm(permission, item)
