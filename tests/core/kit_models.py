"""Throwaway models for the kit's tests of its abstract models.

``define_model`` puts a model in an isolated app registry, so it never reaches
`makemigrations` or another test; its foreign keys stay unresolved, so it serves to look at
fields, not to make instances. ``linked_model`` registers a model in the project's registry
for the duration of a ``with`` block (its foreign keys to users and areas resolve) and takes
it out again. ``temporary_model`` also creates its table and drops it afterwards (the test
needs ``django_db(transaction=True)``: SQLite cannot change its schema inside the test's
transaction).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db import connection, models
from django.test.utils import isolate_apps


def define_model(
    name: str, fields: dict[str, Any], bases: tuple[type, ...] = (models.Model,)
) -> type[models.Model]:
    """A model class in an isolated registry (never in the project's own)."""
    with isolate_apps("voorop.core"):
        meta_bases = tuple(base.Meta for base in bases if hasattr(base, "Meta"))
        meta = type(
            "Meta", meta_bases, {"app_label": "core", "db_table": f"kit_test_{name.lower()}"}
        )
        return type(name, bases, {"__module__": __name__, "Meta": meta, **fields})


@contextmanager
def linked_model(
    name: str, fields: dict[str, Any], bases: tuple[type, ...] = (models.Model,)
) -> Iterator[type[models.Model]]:
    """A model in the project's registry (foreign keys resolve) while the block runs."""
    meta_bases = tuple(base.Meta for base in bases if hasattr(base, "Meta"))
    meta = type("Meta", meta_bases, {"app_label": "core", "db_table": f"kit_test_{name.lower()}"})
    model = type(name, bases, {"__module__": __name__, "Meta": meta, **fields})
    try:
        yield model
    finally:
        del apps.all_models["core"][name.lower()]
        apps.clear_cache()


@contextmanager
def temporary_model(
    name: str, fields: dict[str, Any], bases: tuple[type, ...] = (models.Model,)
) -> Iterator[type[models.Model]]:
    """A model with its table, for the duration of the ``with`` block."""
    with linked_model(name, fields, bases) as model, _table(model):
        yield model


@contextmanager
def _table(model: type[models.Model]) -> Iterator[None]:
    with connection.schema_editor() as editor:
        editor.create_model(model)
    try:
        yield
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(model)
