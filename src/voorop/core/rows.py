"""Model instances from the row of a written-out SELECT, as the ORM would make them.

For the few statements that run on nearly every request or post (decision 0025): the ORM
spends more of the app server's CPU building a SELECT than the database spends running it.
The statement takes its table and column names from the models; this turns its values into
instances: each value through the same converters as the ORM's (SQLite's dates, booleans
and JSON, PostgreSQL's JSON), then ``Model.from_db``.

    fields = list(VotingCode._meta.concrete_fields)
    ...cursor.execute(sql, params); row = cursor.fetchone()
    code = from_row(VotingCode, fields, row[: len(fields)], using=using)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from django.db import connections, models


def from_row[M: models.Model](
    model: type[M], fields: Sequence[models.Field], values: Sequence[Any], *, using: str
) -> M:
    """An instance of ``model`` with ``fields`` set from ``values``, read from ``using``."""
    connection = connections[using]
    converted = []
    for field, value in zip(fields, values, strict=True):
        column = _column(model, field)
        for converter in (
            *connection.ops.get_db_converters(column),
            *column.get_db_converters(connection),
        ):
            value = converter(value, column, connection)
        converted.append(value)
    return model.from_db(using, [field.attname for field in fields], converted)


@cache
def _column(model: type[models.Model], field: models.Field) -> Any:
    return field.get_col(model._meta.db_table)
