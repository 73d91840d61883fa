"""The log-in backends (settings.AUTHENTICATION_BACKENDS): Django's and allauth's, with the
signed-in user read in one written-out statement.

Every signed-in request loads its user, then its roles (voorop.accounts.roles) and, for who
must use two-factor authentication, whether an authenticator app is set up
(voorop.accounts.two_factor): two queries through the ORM, three for a beheerder, about
1.2 ms of the app server's CPU for the three, most of it building the same SELECTs again.
Written out as one statement they cost 0.15 ms (issue 13, decision 0025). Logging in,
passwords and permissions are Django's and allauth's own; only ``get_user`` (and
``aget_user``) is rewritten.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.mfa.models import Authenticator
from asgiref.sync import sync_to_async
from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Group
from django.db import connections, router

from voorop.accounts import roles, two_factor
from voorop.core.rows import from_row


def signed_in_user(user_id: Any) -> Any | None:
    """The user with this id, with their roles and two-factor state already known; None
    when there is none."""
    user_model = get_user_model()
    using = router.db_for_read(user_model)
    connection = connections[using]
    fields, sql = _statement(connection.vendor, connection.alias)
    with connection.cursor() as cursor:
        cursor.execute(sql, [Authenticator.Type.TOTP.value, user_id])
        rows = cursor.fetchall()
    if not rows:
        return None
    count = len(fields)
    user = from_row(user_model, fields, rows[0][:count], using=using)
    roles.remember_role_names(user, {row[count] for row in rows if row[count] is not None})
    two_factor.remember_set_up(user, bool(rows[0][count + 1]))
    return user


@cache
def _statement(vendor: str, alias: str) -> tuple[list[Any], str]:
    """The user's columns, one row per group they are in, and whether they have an
    authenticator app."""
    quote = connections[alias].ops.quote_name

    def column(field: Any) -> str:
        return quote(field.column)

    user_model = get_user_model()
    fields = list(user_model._meta.concrete_fields)
    memberships = user_model.groups.through._meta
    authenticator = Authenticator._meta
    user_id = column(user_model._meta.pk)
    columns = ", ".join(f"u.{column(field)}" for field in fields)
    sql = (
        f"SELECT {columns}, g.{quote('name')}, EXISTS ("  # noqa: S608 - the models' own names
        f"SELECT 1 FROM {quote(authenticator.db_table)} a "
        f"WHERE a.{column(authenticator.get_field('user'))} = u.{user_id} "
        f"AND a.{column(authenticator.get_field('type'))} = %s) "
        f"FROM {quote(user_model._meta.db_table)} u "
        f"LEFT JOIN {quote(memberships.db_table)} m "
        f"ON m.{column(memberships.get_field('user'))} = u.{user_id} "
        f"LEFT JOIN {quote(Group._meta.db_table)} g "
        f"ON g.{column(Group._meta.pk)} = m.{column(memberships.get_field('group'))} "
        f"WHERE u.{user_id} = %s"
    )
    return fields, sql


class _OneStatementUser:
    def get_user(self, user_id: Any) -> Any | None:
        user = signed_in_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]

    async def aget_user(self, user_id: Any) -> Any | None:
        return await sync_to_async(self.get_user)(user_id)


class ModelBackend(_OneStatementUser, backends.ModelBackend):
    """Django's backend (the back office's log-in by user name)."""


class AuthenticationBackend(_OneStatementUser, AllauthBackend):
    """allauth's backend (the log-in by e-mail address)."""
