"""Look through the whole database for secrets in clear: a test's last line of defence.

``find(["the-token", "the-code"])`` reads every text-like column of every table (also
tables without a model, such as the database cache), JSON columns as text (the task
table's arguments and results), and the decoded sessions, and returns where each secret
was found. A test runs a flow, collects what must never be stored (tokens from the mails it
received, codes, the choices of a ballot), and asserts ``find(...) == []``::

    from voorop.core import dbscan

    assert dbscan.find([token, *choices]) == []

Values are matched as substrings, case-sensitively on PostgreSQL and case-insensitively
on SQLite (its LIKE): pick needles long enough to be unambiguous (a whole token, a
proposal title, not "1"); a ``%`` or ``_`` in a needle matches any text there, which can
only over-report. Stored hashes of a secret are fine and not found. Values the database
cache stores pickled are not decoded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import connection

# Column types that can hold text, as the backends report them in lower case.
_TEXT_TYPES = ("char", "text", "json", "clob", "uuid")


@dataclass(frozen=True)
class Hit:
    needle: str
    table: str
    column: str

    def __str__(self) -> str:
        return f"{self.needle!r} in {self.table}.{self.column}"


def _text_columns(cursor, table: str) -> list[str]:
    columns = []
    for column in connection.introspection.get_table_description(cursor, table):
        kind = _column_type(cursor, table, column)
        if any(word in kind for word in _TEXT_TYPES):
            columns.append(column.name)
    return columns


def _column_type(cursor, table: str, column) -> str:
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = %s AND column_name = %s",
            [table, column.name],
        )
        row = cursor.fetchone()
        return (row[0] if row else "").lower()
    # SQLite reports the declared type in the description.
    return str(column.type_code).lower()


def find(needles: list[str]) -> list[Hit]:
    """Every (needle, table, column) where a needle occurs in clear; empty when none."""
    needles = [n for n in dict.fromkeys(needles) if n]
    if not needles:
        return []
    hits: list[Hit] = []
    quote = connection.ops.quote_name
    cast = "CAST({} AS TEXT)"
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in _text_columns(cursor, table):
                expression = cast.format(quote(column))
                for needle in needles:
                    cursor.execute(
                        f"SELECT 1 FROM {quote(table)} WHERE {expression} LIKE %s LIMIT 1",  # noqa: S608
                        [f"%{needle}%"],
                    )
                    if cursor.fetchone():
                        hits.append(Hit(needle, table, column))
    hits.extend(_in_sessions(needles))
    return hits


def _in_sessions(needles: list[str]) -> list[Hit]:
    """Sessions are stored signed and base64-encoded: decode them and look inside."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    hits = []
    store = SessionStore()
    for session in Session.objects.all():
        text = json.dumps(store.decode(session.session_data), default=str)
        hits.extend(
            Hit(needle, Session._meta.db_table, "session_data (decoded)")
            for needle in needles
            if needle in text
        )
    return hits
