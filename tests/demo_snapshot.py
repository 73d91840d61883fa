"""The demo municipality for tests that need it as their starting point, loaded by `voorop
demo` once per test process and copied back into the test database for every further test.

Loading the demo through its services takes 6 to 15 seconds; about twenty tests start from
it (the page crawls, the English-text checks, each app's check of its demo data), in both CI
passes. A copy of its rows goes back in well under a second.

How: the first call runs the demo command inside a transaction, reads every row of every
model table, and rolls back. Each call then empties the model tables and writes those rows
back, inside one transaction (the foreign keys are checked at its end, so the order of the
tables does not matter), moves the id sequences past the copied ids, and empties the caches
that remember rows by id (content types, Django's caches). The copy is the demo's whole
database, not only what it added: after the flush of a transactional test, Django re-creates
the content types and permissions under new ids, and the copy's rows must refer to its own.

Rows go out and back in exactly as the database stores them: PostgreSQL's COPY text format,
and on SQLite each value in its own storage class (`+column` drops the declared type, so
Python's sqlite3 converts nothing on the way out, and nothing needs converting on the way in).

What the copy leaves out: files (the demo writes none; tests/core/test_demo.py keeps it so)
and the mail the demo sent. The demo's dates follow the day it is loaded: a copy made
on another day is made again. The tests of the demo command itself (tests/core/test_demo.py)
and of what it prints still run the command."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, models, transaction
from django.test import TestCase
from django.utils import timezone, translation


@dataclass(frozen=True)
class _Snapshot:
    vendor: str
    day: object
    tables: dict[str, tuple[list[str], object]]  # table: (columns, rows or COPY data)


_snapshot: _Snapshot | None = None


def load_demo() -> None:
    """Fill the (empty) test database with the demo municipality, as `voorop demo` does."""
    global _snapshot
    if get_user_model().objects.exists():
        # What is there would be deleted (or, the first time, copied into every later test).
        raise RuntimeError("load_demo() fills an empty database, as `voorop demo` does")
    day = timezone.localdate()
    if _snapshot is None or _snapshot.vendor != connection.vendor or _snapshot.day != day:
        _snapshot = _take(day)
    _restore(_snapshot)


def _models_with_tables() -> list:
    """Every installed model with a table of its own in this database (auto-created
    many-to-many tables included; the models of a test module that made no table left out)."""
    existing = set(connection.introspection.table_names())
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in existing
    ]


def model_tables() -> dict[str, list[str]]:
    """Those models' tables, with the columns the model writes (a generated column is the
    database's own)."""
    return {
        model._meta.db_table: [
            field.column for field in model._meta.concrete_fields if not field.generated
        ]
        for model in sorted(_models_with_tables(), key=lambda model: model._meta.db_table)
    }


def _take(day) -> _Snapshot:
    tables: dict[str, tuple[list[str], object]] = {}
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        # What the demo leaves for after its commit (announcing results, sending mail,
        # starting jobs) runs too, as it does after `voorop demo` commits.
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("demo", verbosity=0)
        with closing(connection.connection.cursor()) as raw:
            for table, columns in model_tables().items():
                tables[table] = (columns, _read(raw, table, columns))
        transaction.set_rollback(True)
    _forget_cached_rows()
    mail.outbox = []  # the demo's own mail is no test's
    return _Snapshot(connection.vendor, day, tables)


def _read(raw, table: str, columns: list[str]) -> object:
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        with raw.copy(f"COPY {quote(table)} ({', '.join(map(quote, columns))}) TO STDOUT") as copy:
            return b"".join(bytes(block) for block in copy)
    # Table and column names come from the models, quoted: no user input reaches this SQL.
    raw.execute(f"SELECT {', '.join('+' + quote(c) for c in columns)} FROM {quote(table)}")  # noqa: S608
    return raw.fetchall()


def _restore(snapshot: _Snapshot) -> None:
    quote = connection.ops.quote_name
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        closing(connection.connection.cursor()) as raw,
    ):
        for table in model_tables():
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        for table, (columns, data) in snapshot.tables.items():
            if not data:
                continue
            names = ", ".join(map(quote, columns))
            if snapshot.vendor == "postgresql":
                with raw.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                    copy.write(data)
            else:
                marks = ", ".join("?" * len(columns))
                insert = f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"  # noqa: S608
                raw.executemany(insert, data)
        if snapshot.vendor == "postgresql":
            _sequences_past_the_copy(cursor)
    _forget_cached_rows()


def _sequences_past_the_copy(cursor) -> None:
    """New rows a test adds must get ids after the copied ones (SQLite's AUTOINCREMENT keeps
    up by itself; PostgreSQL's sequences do not). Only ever forward: a sequence is outside
    the test's transaction, and the rows that come back after its rollback (content types
    made again after an earlier flush) may have higher ids than the copy."""
    quote = connection.ops.quote_name
    for model in _models_with_tables():
        pk = model._meta.pk
        if not isinstance(pk, models.AutoField):
            continue
        table = model._meta.db_table
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [quote(table), pk.column])
        (sequence,) = cursor.fetchone()
        if sequence is None:
            continue
        cursor.execute(
            f"SELECT setval(%s, GREATEST((SELECT coalesce(max({quote(pk.column)}), 0) "  # noqa: S608
            f"FROM {quote(table)}), (SELECT last_value FROM {sequence})))",
            [sequence],
        )


def _forget_cached_rows() -> None:
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    for each in caches.all():
        each.clear()
