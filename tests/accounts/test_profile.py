import json

import pytest

from tests.accounts.factories import UserFactory
from tests.core.areas.factories import AreaFactory
from voorop.accounts import personal_data
from voorop.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_profile_shows_and_edits_details(client):
    user = UserFactory(display_name="Oud")
    area = AreaFactory(name="Heikant")
    client.force_login(user)
    assert "Oud" in client.get("/account/profiel/").content.decode()
    response = client.post(
        "/account/profiel/wijzigen/",
        {
            "display_name": "Nieuw",
            "first_name": "Jan",
            "last_name": "Jansen",
            "language": "nl",
            "home_area": area.pk,
            "birth_year": "1980",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.home_area, user.birth_year) == ("Nieuw", area, 1980)
    entry = AuditEntry.objects.get(action="user.profile_updated")
    assert "display_name" in entry.data["fields"]
    assert "Nieuw" not in json.dumps(entry.data)  # no personal data copied into the log


def test_invalid_profile_keeps_everything_typed(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/account/profiel/wijzigen/",
        {
            "display_name": "Bewaard",
            "first_name": "Ik",
            "last_name": "",
            "language": "nl",
            "birth_year": "1492",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in html
    assert 'value="Bewaard"' in html and 'value="1492"' in html
    assert "Vul een jaar in tussen" in html


def test_language_choice_is_remembered_in_the_profile(client):
    user = UserFactory(language="nl")
    client.force_login(user)
    response = client.post("/account/taal/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "en"
    assert '<html lang="en">' in client.get("/").content.decode()


def test_visitor_can_switch_language_without_account(client):
    client.post("/account/taal/", {"language": "en", "next": "/"})
    assert "Residents take the initiative" in client.get("/").content.decode()


def test_data_download_contains_account_and_registered_sections(client, monkeypatch):
    user = UserFactory(display_name="Dora Data", birth_year=1975)
    monkeypatch.setitem(personal_data._exporters, "test_section", lambda u: {"id": u.pk})
    client.force_login(user)
    response = client.get("/account/mijn-gegevens/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert data["account"]["display_name"] == "Dora Data"
    assert data["account"]["birth_year"] == 1975
    assert data["account"]["email_addresses"][0]["verified"] is True
    assert data["test_section"] == {"id": user.pk}


def test_visitor_cannot_download_data(client):
    response = client.get("/account/mijn-gegevens/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
