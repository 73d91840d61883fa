"""Throwaway models for the kit's database tests.

Defined in an isolated app registry, so they never reach `makemigrations` or another test,
and created and dropped around one test (which needs ``django_db(transaction=True)``:
SQLite cannot change its schema inside the test's transaction).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models
from django.test.utils import isolate_apps


@contextmanager
def temporary_model(name: str, fields: dict[str, Any]) -> Iterator[type[models.Model]]:
    with isolate_apps("voorop.core"):
        meta = type("Meta", (), {"app_label": "core", "db_table": f"kit_test_{name.lower()}"})
        model = type(name, (models.Model,), {"__module__": __name__, "Meta": meta, **fields})
    with connection.schema_editor() as editor:
        editor.create_model(model)
    try:
        yield model
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(model)
