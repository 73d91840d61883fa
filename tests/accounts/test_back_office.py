"""The beheerder manages areas, themes and users (roles) in the back office."""

import pytest

from tests.accounts.factories import UserFactory, user_with_role
from voorop.core.areas.models import Area
from voorop.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["inwoner", "loketmedewerker", "raadslid", "college"])
def test_only_beheerder_enters_the_back_office(client, role):
    client.force_login(user_with_role(role))
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert "/beheer/login/" in response["Location"]


def test_beheerder_grants_a_staff_role(client):
    beheerder = user_with_role("beheerder")
    resident = UserFactory(email="wordt-medewerker@example.org")
    client.force_login(beheerder)
    page = client.get(f"/beheer/accounts/user/{resident.pk}/change/")
    assert page.status_code == 200
    response = client.post(
        f"/beheer/accounts/user/{resident.pk}/change/",
        {
            "email": resident.email,
            "display_name": resident.display_name,
            "first_name": "",
            "last_name": "",
            "language": "nl",
            "home_area": "",
            "is_active": "on",
            "roles": ["loketmedewerker"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert resident.has_perm("core.use_back_office") is False
    assert list(resident.groups.values_list("name", flat=True)) == ["loketmedewerker"]
    entry = AuditEntry.objects.get(action="user.roles_changed")
    assert entry.actor == beheerder and entry.data == {"added": ["loketmedewerker"], "removed": []}


def test_beheerder_adds_an_area(client):
    client.force_login(user_with_role("beheerder"))
    response = client.post(
        "/beheer/areas/area/add/",
        {
            "name": "Nieuwdorp",
            "slug": "nieuwdorp",
            "kind": "kern",
            "parent": "",
            "population": "1200",
        },
    )
    assert response.status_code == 302
    assert Area.objects.get(slug="nieuwdorp").population == 1200


def test_area_cannot_be_its_own_ancestor(client):
    client.force_login(user_with_role("beheerder"))
    top = Area.objects.create(name="A", slug="a", kind="kern")
    child = Area.objects.create(name="B", slug="b", kind="wijk", parent=top)
    response = client.post(
        f"/beheer/areas/area/{top.pk}/change/",
        {"name": "A", "slug": "a", "kind": "kern", "parent": child.pk, "population": ""},
    )
    assert response.status_code == 200
    assert "kan geen deel zijn van zichzelf" in response.content.decode()
