"""Smaller findings of issue 12.14: the language cookie's flags and the data download's
caching. (The production settings — `check --deploy` clean, no console e-mail, a secret
key of 50+ characters — are tested in tests/core/test_production.py; `make security` runs
both.)"""

from __future__ import annotations

import pytest

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE = {"display_name": "Nieuw", "first_name": "Jan", "last_name": "Jansen", "language": "en"}


def _flags(response) -> dict:
    cookie = response.cookies["voorop_language"]
    return {
        "secure": cookie["secure"],
        "httponly": cookie["httponly"],
        "samesite": cookie["samesite"],
    }


@pytest.mark.parametrize("secure", [True, False], ids=["production", "demo over http"])
def test_the_language_cookie_has_its_flags_also_when_a_view_sets_it_by_hand(
    client, settings, secure
):
    settings.LANGUAGE_COOKIE_SECURE = secure
    client.force_login(UserFactory())
    response = client.post("/account/profiel/wijzigen/", PROFILE)
    assert response.status_code == 302
    flags = _flags(response)
    assert bool(flags.pop("secure")) is secure
    assert flags == {"httponly": True, "samesite": "Lax"}


def test_the_language_switch_sends_a_secure_http_only_cookie(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.post("/account/taal/", {"language": "en", "next": "/"})
    assert _flags(response) == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_the_data_download_is_never_cached(client):
    client.force_login(UserFactory())
    response = client.get("/account/mijn-gegevens/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")
