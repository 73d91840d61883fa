"""A signed-in request reads its user, their roles and their two-factor state in one statement
(voorop.accounts.backends), and sees each change on the next request."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import TEST_TOTP_SECRET, UserFactory
from tests.core.areas.factories import AreaFactory
from voorop.accounts import backends, services, two_factor
from voorop.accounts.backends import AuthenticationBackend, ModelBackend, signed_in_user
from voorop.accounts.roles import Role, role_names

pytestmark = pytest.mark.django_db


def _field_values(user) -> dict[str, object]:
    return {field.attname: getattr(user, field.attname) for field in user._meta.concrete_fields}


def test_the_user_is_read_as_the_orm_reads_it():
    user = UserFactory(
        home_area=AreaFactory(),
        birth_year=1950,
        language="en",
        is_staff=True,
        last_login=datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
        deleted_at=datetime(2026, 4, 2, 10, 0, tzinfo=UTC),
    )
    read = signed_in_user(user.pk)
    expected = get_user_model().objects.get(pk=user.pk)
    assert type(read) is type(expected)
    assert _field_values(read) == _field_values(expected)
    # The types too: SQLite gives dates as text and booleans as numbers until converted.
    assert {name: type(value) for name, value in _field_values(read).items()} == {
        name: type(value) for name, value in _field_values(expected).items()
    }
    assert read._state.adding is False
    assert read._state.db == expected._state.db


def test_roles_and_two_factor_come_with_the_user_in_one_statement():
    beheerder = UserFactory(roles=[Role.BEHEERDER, Role.LOKETMEDEWERKER])
    with CaptureQueriesContext(connection) as statements:
        user = signed_in_user(beheerder.pk)
        roles = role_names(user)
        required = two_factor.required_for(user)
        set_up = two_factor.is_set_up(user)
    assert len(statements) == 1
    assert roles == {Role.BEHEERDER, Role.LOKETMEDEWERKER}
    assert required and set_up


def test_a_user_without_groups_or_authenticator():
    resident = UserFactory()
    user = signed_in_user(resident.pk)
    assert role_names(user) == frozenset()
    assert two_factor.is_set_up(user) is False


def test_a_superuser_is_a_beheerder():
    superuser = UserFactory(is_superuser=True)
    assert role_names(signed_in_user(superuser.pk)) == {Role.BEHEERDER}


def test_recovery_codes_alone_are_not_an_authenticator_app():
    officer = UserFactory(roles=[Role.LOKETMEDEWERKER])
    two_factor.set_up_totp(officer, TEST_TOTP_SECRET)
    officer.authenticator_set.filter(type="totp").delete()
    user = signed_in_user(officer.pk)
    assert two_factor.is_set_up(user) is False


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_no_user_for_an_unknown_or_inactive_account(backend):
    inactive = UserFactory(is_active=False)
    assert backend().get_user(inactive.pk) is None
    assert backend().get_user(inactive.pk + 1000) is None
    active = UserFactory()
    assert backend().get_user(active.pk) == active


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_the_async_path_reads_the_same_way(backend, monkeypatch):
    active, inactive = SimpleNamespace(is_active=True), SimpleNamespace(is_active=False)
    monkeypatch.setattr(backends, "signed_in_user", {1: active, 2: inactive}.get)
    found = []

    def ask() -> None:
        # In a thread of its own: an earlier test (the browser's) may leave an event loop
        # running in this one.
        found.extend(asyncio.run(backend().aget_user(user_id)) for user_id in (1, 2, 3))

    thread = threading.Thread(target=ask)
    thread.start()
    thread.join()
    assert found == [active, None, None]


def test_a_changed_role_counts_on_the_next_request(client):
    beheerder = UserFactory(roles=[Role.BEHEERDER])
    officer = UserFactory(roles=[Role.LOKETMEDEWERKER])
    client.force_login(officer)
    assert client.get("/loket/werkvoorraad/").status_code == 200
    services.user_set_roles(user=officer, roles=set(), actor=beheerder)
    assert client.get("/loket/werkvoorraad/").status_code in {302, 403}


def test_a_signed_in_request_reads_the_session_and_one_statement_before_the_view(client):
    officer = UserFactory(roles=[Role.LOKETMEDEWERKER])
    client.force_login(officer)
    with CaptureQueriesContext(connection) as statements:
        # A page that only redirects (who needs no two-factor set-up goes to their profile).
        response = client.get("/account/tweestapsverificatie/")
    assert response.status_code == 302
    sql = [query["sql"] for query in statements.captured_queries]
    assert "django_session" in sql[0]
    assert "accounts_user_groups" in sql[1] and "mfa_authenticator" in sql[1]
    assert not any("auth_group" in statement for statement in sql[2:])
