import pytest
from allauth.account.models import EmailAddress

from tests.accounts.factories import TEST_PASSWORD, UserFactory
from voorop.accounts import personal_data
from voorop.accounts.models import User
from voorop.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_delete_requires_confirmation(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/account/verwijderen/", {})
    assert response.status_code == 200
    assert "Vink het vakje aan" in response.content.decode()
    assert User.objects.get(pk=user.pk).is_active


def test_deleted_account_is_anonymised_and_cannot_log_in(client, monkeypatch):
    user = UserFactory(
        display_name="Weg Ermee", first_name="Weg", birth_year=1970, roles=["raadslid"]
    )
    scrubbed = []
    monkeypatch.setitem(personal_data._anonymisers, "test", lambda u: scrubbed.append(u.pk))
    email = user.email
    client.force_login(user)
    response = client.post("/account/verwijderen/", {"confirm": "on"})
    assert response.status_code == 302

    user.refresh_from_db()
    assert scrubbed == [user.pk]
    assert user.email is None and user.display_name == "" and user.first_name == ""
    assert user.birth_year is None and not user.is_active and user.deleted_at
    assert not user.has_usable_password()
    assert not user.groups.exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    assert user.public_name == "Voormalig inwoner"
    assert AuditEntry.objects.filter(action="user.deleted", target_id=str(user.pk)).exists()

    assert client.get("/account/profiel/").status_code == 302  # logged out
    client.post("/account/login/", {"login": email, "password": TEST_PASSWORD})
    assert client.get("/account/profiel/").status_code == 302  # cannot log in again


def test_same_email_can_sign_up_again_after_deletion(client):
    user = UserFactory(email="terug@example.org")
    client.force_login(user)
    client.post("/account/verwijderen/", {"confirm": "on"})
    UserFactory(email="terug@example.org")
    assert User.objects.filter(email="terug@example.org").count() == 1
