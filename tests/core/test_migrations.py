"""The migrations describe the models, and running them all on an empty database builds the
schema the models describe.

The test databases are made from the models directly (tests/conftest.py): running the
migrations took each test process half a minute. These tests are what keeps that honest:
every migration runs here, from nothing, on a database of the kind under test (PostgreSQL
or SQLite), and the schema it leaves must equal the test database's."""

from __future__ import annotations

import json
import uuid
from urllib.parse import quote

import pytest
from django.db import connection

from tests.core.serving import run_python
from tests.demo_snapshot import model_tables

SETTINGS = "voorop.settings.test"
# Django's own auth migration makes this id a bigint on PostgreSQL, where its model (auth's
# AutoField) says int: Django's, not ours, and harmless either way.
DJANGOS_OWN_DIFFERENCES = {("auth_group_permissions", "id")}

# Prints the schema of the database DATABASE_URL names, after `voorop migrate` built it.
# (In a process of its own: the test process has the test modules' models loaded too.)
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
    tables = model_tables()
    schema = {}
    with connection.cursor() as cursor:
        for table in tables:
            columns = [
                json.dumps(col._asdict(), sort_keys=True, default=str)
                for col in connection.introspection.get_table_description(cursor, table)
                if (table, col.name) not in DJANGOS_OWN_DIFFERENCES
            ]
            constraints = sorted(
                json.dumps(details, sort_keys=True, default=str)
                for details in connection.introspection.get_constraints(cursor, table).values()
            )
            schema[table] = {"columns": sorted(columns), "constraints": constraints}
    return schema


def test_the_migrations_match_the_models(tmp_path):
    # makemigrations exits with an error when a model changed without its migration.
    code = "from voorop.__main__ import main; main(['makemigrations', '--check', '--dry-run'])"
    unused = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    result = run_python(code, DJANGO_SETTINGS_MODULE=SETTINGS, DATABASE_URL=unused)
    assert result.returncode == 0, result.stdout + result.stderr


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
        user = quote(settings["USER"] or "", safe="")
        password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
        host = quote(settings["HOST"] or "127.0.0.1", safe="")  # a socket folder too
        yield f"postgres://{user}{password}@{host}:{settings['PORT'] or 5432}/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_every_migration_runs_on_an_empty_database_and_builds_the_models_schema(
    empty_database,
):
    result = run_python(
        MIGRATE_AND_DESCRIBE, DJANGO_SETTINGS_MODULE=SETTINGS, DATABASE_URL=empty_database
    )
    assert result.returncode == 0, result.stderr[-3000:]
    migrated = json.loads(result.stdout.splitlines()[-1])
    from_models = describe()
    assert sorted(migrated) == sorted(from_models)
    for table, schema in from_models.items():
        assert migrated[table] == schema, table
