"""voorop.core.rows: an instance from a written-out SELECT is what the ORM reads."""

import pytest
from django.db import connection

from tests.accounts.factories import UserFactory
from tests.model_values import field_values
from voorop.core.models import AuditEntry
from voorop.core.rows import from_row
from voorop.core.services import audit_log

pytestmark = pytest.mark.django_db


def test_an_instance_from_a_row_equals_the_orms_dates_json_and_foreign_keys_included():
    actor = UserFactory()
    entry = audit_log(actor=actor, action="test.rows", target=actor, data={"a": [1, "één", None]})
    fields = list(AuditEntry._meta.concrete_fields)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    sql = f"SELECT {columns} FROM {quote(AuditEntry._meta.db_table)} WHERE id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [entry.pk])
        row = cursor.fetchone()
    read = from_row(AuditEntry, fields, row, using="default")
    by_orm = AuditEntry.objects.get(pk=entry.pk)
    assert field_values(read) == field_values(by_orm)
    # Converted as the ORM converts (SQLite gives text for dates and JSON).
    assert read.created_at.tzinfo is not None and read.data == {"a": [1, "één", None]}
    assert not read._state.adding and read._state.db == "default"
    assert read.actor == actor
