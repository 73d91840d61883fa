"""Insert a row unless a unique constraint already holds one with the same values, in one
statement: ``INSERT … ON CONFLICT DO NOTHING RETURNING id`` (PostgreSQL, and SQLite from
3.35; the system check ``voorop.E003`` refuses an older SQLite with a plain message).

    ballot = Ballot(round=budget_round, voting_code=code, channel="code", choices=choices)
    if not insert_if_new(ballot):
        ballot = Ballot.objects.select_for_update().get(voting_code=code)  # the one there

The ORM has no form of it that returns the new row's id (``bulk_create(ignore_conflicts=
True)`` does not), and the usual "look first, then insert" costs two statements, or an
INSERT the database refuses when two requests race, which PostgreSQL writes to its server
log with the row's values: a vote must never be in a log (issue 13, decision 0025).

A row that is there already waits for nothing and changes nothing. A row another
transaction is inserting at the same moment: the INSERT waits until that transaction ends,
then does nothing (it committed) or inserts (it rolled back). The statement is built from
the model (its table, its columns, each value prepared by its field as the ORM prepares it)
and kept per model and database. No ``save()``, no signals: for models of our own on a hot
path only; tests/core/test_inserts.py compares the row with what ``create()`` stores.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.db import IntegrityError, connections, models, router, transaction

# INSERT … ON CONFLICT … RETURNING: SQLite has it from 3.35 (2021); Django 6 runs on 3.31.
SQLITE_NEEDED = (3, 35)

AUTO_FIELDS = (models.AutoField, models.BigAutoField, models.SmallAutoField)
_statements: dict[tuple[type[models.Model], str], tuple[str, list[models.Field]]] = {}


def insert_if_new(instance: models.Model) -> bool:
    """Insert ``instance`` and give it its primary key; False (and nothing written) when a
    unique constraint of its table already holds a row with its values."""
    return _insert(instance, router.db_for_write(type(instance), instance=instance))


def _insert(instance: models.Model, using: str) -> bool:
    model = type(instance)
    connection = connections[using]
    sql, fields = _statement(model, connection)
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields
    ]
    # As save() does: an error inside an atomic block marks it for rollback, also when a
    # caller catches it (without a savepoint the block's earlier work must not commit).
    with transaction.mark_for_rollback_on_error(using), connection.cursor() as cursor:
        cursor.execute(sql, values)
        inserted = cursor.fetchone()
    if inserted is None:
        return False
    instance.pk = model._meta.pk.to_python(inserted[0])
    instance._state.adding = False
    instance._state.db = using
    return True


def insert(instance: models.Model) -> None:
    """Insert ``instance`` (a row with nothing unique but its id: an audit entry, an attempt,
    a line on a timeline) with the statement kept for its model, and give it its primary
    key. The hot paths write several of these per post (issue 13)."""
    using = router.db_for_write(type(instance), instance=instance)
    # Marked for rollback like the database's own refusal would be (as save() does).
    with transaction.mark_for_rollback_on_error(using):
        if not _insert(instance, using):
            # Its id (a sequence behind the table's rows, after a restore done wrong), or a
            # unique value its table got since: that table then needs insert_if_new.
            raise IntegrityError(
                f"{instance._meta.label}: a row with the same id or unique value is there"
            )


def _statement(model: type[models.Model], connection: Any) -> tuple[str, list[models.Field]]:
    known = _statements.get((model, connection.alias))
    if known is not None:
        return known
    meta = model._meta
    if meta.parents:
        raise TypeError(f"{meta.label}: a model with parent tables is more than one INSERT")
    fields = [
        field
        for field in meta.local_concrete_fields
        if not (field.primary_key and isinstance(field, AUTO_FIELDS))
    ]
    for field in fields:
        # What the ORM would write as SQL of its own, not as a value.
        if field.generated or field.has_db_default() or hasattr(field, "get_placeholder"):
            raise TypeError(f"{meta.label}.{field.name}: not a plain value to insert")
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} "  # noqa: S608 - the model's own names
        f"({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT DO NOTHING RETURNING {quote(meta.pk.column)}"
    )
    _statements[(model, connection.alias)] = (sql, fields)
    return sql, fields


@checks.register(checks.Tags.compatibility)
def check_sqlite_version(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    if not any(connection.vendor == "sqlite" for connection in connections.all()):
        return []
    if sqlite3.sqlite_version_info >= SQLITE_NEEDED:
        return []
    return [
        checks.Error(
            f"SQLite {sqlite3.sqlite_version} is too old: Voorop needs SQLite 3.35 or newer "
            "(INSERT ... RETURNING). Use a newer Python or operating system, or PostgreSQL.",
            id="voorop.E003",
        )
    ]
