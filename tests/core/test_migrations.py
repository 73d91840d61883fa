"""The migrations describe the models, and running them all on an empty database builds the
schema the models describe.

The test databases are made from the models directly (tests/conftest.py): running the
migrations took each test process half a minute. These tests are what keeps that honest:
every migration runs here, from nothing, on a database of the kind under test (PostgreSQL
or SQLite), and the schema it leaves must equal the test database's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).parents[2]
# Django's own auth migration makes this id a bigint on PostgreSQL, where its model (auth's
# AutoField) says int: Django's, not ours, and harmless either way.
DJANGOS_OWN_DIFFERENCES = {("auth_group_permissions", "id")}

# Prints the schema of the database DATABASE_URL names, after `voorop migrate` built it.
MIGRATE_AND_DESCRIBE = """
import django, json
django.setup()
from django.core.management import call_command
from tests.core.test_migrations import describe
call_command("migrate", verbosity=0)
print(json.dumps(describe()))
"""


def describe() -> dict[str, dict]:
    """Every model table's columns (name, type, size, null, default), and its constraints and
    indexes by what they hold, not by name (a renamed field may keep its index's old name)."""
    from django.apps import apps

    tables = sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    )
    existing = set(connection.introspection.table_names())
    schema = {}
    with connection.cursor() as cursor:
        for table in tables:
            if table not in existing:
                continue
            columns = [
                json.dumps(col._asdict(), sort_keys=True, default=str)
                for col in connection.introspection.get_table_description(cursor, table)
                if (table, col.name) not in DJANGOS_OWN_DIFFERENCES
            ]
            constraints = sorted(
                json.dumps(
                    {key: value for key, value in details.items() if key != "definition"},
                    sort_keys=True,
                    default=str,
                )
                for details in connection.introspection.get_constraints(cursor, table).values()
            )
            schema[table] = {"columns": sorted(columns), "constraints": constraints}
    return schema


@pytest.mark.django_db
def test_the_migrations_match_the_models():
    # Exits with an error when a model changed without its migration.
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


@pytest.fixture
def empty_database(tmp_path):
    """The address of a new, empty database of the kind under test, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"voorop_migrations_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        user = settings["USER"] or ""
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        address = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
        yield f"postgres://{user}{password}@{address}/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_every_migration_runs_on_an_empty_database_and_builds_the_models_schema(
    empty_database,
):
    result = subprocess.run(
        [sys.executable, "-c", MIGRATE_AND_DESCRIBE],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "voorop.settings.test",
            "DATABASE_URL": empty_database,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        },
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    migrated = json.loads(result.stdout.splitlines()[-1])
    from_models = describe()
    assert sorted(migrated) == sorted(from_models)
    for table, schema in from_models.items():
        assert migrated[table] == schema, table
