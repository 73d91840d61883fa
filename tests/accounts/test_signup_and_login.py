"""Sign-up with e-mail verification, log-in, log-out and password reset (django-allauth)."""

import re

import pytest
from django.core import mail

from tests.accounts.factories import TEST_PASSWORD, UserFactory
from voorop.accounts.models import User

pytestmark = pytest.mark.django_db


def _link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0).split("testserver", 1)[1]


def test_resident_signs_up_verifies_email_and_is_logged_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/signup/",
            {
                "email": "nieuw@example.org",
                "password1": TEST_PASSWORD,
                "password2": TEST_PASSWORD,
                "display_name": "Nina Nieuw",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert user.display_name == "Nina Nieuw"
    assert len(mail.outbox) == 1
    # Not logged in before the address is verified.
    assert client.get("/account/profiel/").status_code == 302

    confirm_url = _link_in(mail.outbox[0])
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert client.get("/account/profiel/").status_code == 200


def test_signup_errors_keep_the_input_and_show_a_summary(client):
    response = client.post(
        "/account/signup/",
        {
            "email": "niet-een-adres",
            "password1": "kort",
            "password2": "anders",
            "display_name": "Piet",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in html  # the error summary
    assert 'value="niet-een-adres"' in html and 'value="Piet"' in html
    assert 'aria-invalid="true"' in html


def test_login_and_logout(client):
    user = UserFactory()
    response = client.post("/account/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get("/account/profiel/").status_code == 200
    assert client.post("/account/logout/").status_code == 302
    assert client.get("/account/profiel/").status_code == 302


def test_wrong_password_gives_a_clear_message(client):
    user = UserFactory()
    response = client.post("/account/login/", {"login": user.email, "password": "fout"})
    assert response.status_code == 200
    assert "niet juist" in response.content.decode()


def test_password_reset_by_email(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    reset_url = _link_in(mail.outbox[0])
    form_url = client.get(reset_url, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": "Nieuw-wachtw00rd!", "password2": "Nieuw-wachtw00rd!"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nieuw-wachtw00rd!")


def test_verification_mail_names_the_site_and_the_person(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/account/signup/",
            {
                "email": "mail@example.org",
                "password1": TEST_PASSWORD,
                "password2": TEST_PASSWORD,
                "display_name": "Mila Mail",
            },
        )
    message = mail.outbox[0]
    assert "Voorop Gemeente Lindewaard" in message.subject + message.body
    assert "Mila Mail" in message.body
    assert " je " not in f" {message.body} "  # formal "u" throughout


def test_signup_for_existing_address_sends_a_mail_that_names_the_address(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="bestaat@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/account/signup/",
            {"email": user.email, "password1": TEST_PASSWORD, "password2": TEST_PASSWORD},
        )
    assert len(mail.outbox) == 1
    assert "bestaat@example.org" in mail.outbox[0].body


def test_password_rules_are_explained_in_dutch(client):
    response = client.post(
        "/account/signup/",
        {"email": "kort@example.org", "password1": "Kort1!", "password2": "Kort1!"},
    )
    assert "Dit wachtwoord is te kort. Het moet minstens 10 tekens lang zijn." in (
        response.content.decode()
    )
