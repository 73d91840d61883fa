"""voorop.core.sessions: Django's database sessions, read with a plain statement (issue 13),
load exactly what Django's own store loads."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from voorop.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _saved(**data) -> str:
    session = SessionStore()
    session.update(data)
    session.save()
    return session.session_key


def test_the_site_uses_it():
    assert settings.SESSION_ENGINE == "voorop.core.sessions"


def test_a_saved_session_loads_as_djangos_own_store_loads_it():
    key = _saved(budgeting_code_3=41, note="één")
    ours = SessionStore(key)
    assert ours["budgeting_code_3"] == 41 and ours["note"] == "één"
    assert ours.load() == DjangoStore(key).load()
    assert ours.session_key == key


def test_an_expired_or_unknown_session_is_empty_and_gets_a_new_key_when_saved():
    key = _saved(budgeting_code_3=41)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(1))
    for unknown in (key, "x" * 32):
        session = SessionStore(unknown)
        assert session.load() == {} and session.session_key is None
        session["fresh"] = True
        session.save()
        assert session.session_key not in (None, key, unknown)


def test_a_signed_in_visitor_stays_signed_in(client):
    from tests.accounts.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    assert client.get("/account/").wsgi_request.user == user
