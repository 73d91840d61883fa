"""Reads from a replica (DATABASE_REPLICA_URL, decision 0023): the open data API reads there,
every other view, every write and every transaction use the primary."""

import pytest
from django.contrib.sessions.models import Session
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, transaction

from tests.core.serving import run_python
from voorop.core.replica import REPLICA, ReplicaRouter, reads_from_replica, replica_reads
from voorop.loket.models import DeskItem


@pytest.fixture
def with_replica(monkeypatch):
    """The router sees a replica configured (its connection is never opened here)."""
    monkeypatch.setitem(connections.settings, REPLICA, dict(connections.settings["default"]))


def _cache_model():
    return DatabaseCache("voorop_cache", {}).cache_model_class


def test_without_a_replica_everything_reads_from_the_primary():
    router = ReplicaRouter()
    with reads_from_replica():
        assert router.db_for_read(DeskItem) == "default"


def test_only_reads_that_may_lag_go_to_the_replica(with_replica):
    router = ReplicaRouter()
    assert router.db_for_read(DeskItem) == "default"
    with reads_from_replica():
        assert router.db_for_read(DeskItem) == REPLICA
        assert router.db_for_write(DeskItem) == "default"
        # The shared cache (rate-limit counters, cached pages) is read where it is written;
        # so are sessions (a lagging replica would log their visitors out).
        assert router.db_for_read(_cache_model()) == "default"
        assert router.db_for_read(Session) == "default"
    assert router.db_for_read(DeskItem) == "default"
    assert router.allow_migrate(REPLICA, "loket") is False
    assert router.allow_migrate("default", "loket") is True


@pytest.mark.django_db(transaction=True)
def test_a_transaction_reads_its_own_writes_from_the_primary(with_replica):
    router = ReplicaRouter()
    with reads_from_replica():
        with transaction.atomic():
            assert router.db_for_read(DeskItem) == "default"
        assert router.db_for_read(DeskItem) == REPLICA


def test_a_view_opts_in_and_the_mark_ends_with_it(with_replica):
    router = ReplicaRouter()
    seen = []

    @replica_reads
    def view():
        seen.append(router.db_for_read(DeskItem))
        raise ValueError("the view failed")

    with pytest.raises(ValueError):
        view()
    assert seen == [REPLICA]
    assert router.db_for_read(DeskItem) == "default"


def test_the_replica_is_configured_from_the_environment():
    code = """
        import voorop.settings.base as s
        print(sorted(s.DATABASES), s.DATABASE_ROUTERS)
        replica = s.DATABASES.get("replica", {})
        print(replica.get("HOST"), replica.get("TEST"))
    """
    alone = run_python(code).stdout.splitlines()
    assert alone[0] == "['default'] ['voorop.core.replica.ReplicaRouter']"
    both = run_python(code, DATABASE_REPLICA_URL="postgres://voorop@replica.internal:5432/voorop")
    assert both.returncode == 0, both.stderr
    assert both.stdout.splitlines() == [
        "['default', 'replica'] ['voorop.core.replica.ReplicaRouter']",
        "replica.internal {'MIRROR': 'default'}",
    ]


def test_the_open_data_api_reads_from_the_replica_and_pages_from_the_primary(tmp_path):
    """Two SQLite files stand in for PostgreSQL and its replica: the replica is a copy that
    has not caught up with the primary's last change."""
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    code = """
        import os
        import sqlite3
        import django
        django.setup()
        from django.apps import apps
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client
        # The tables straight from the models (seconds; the migrations are half a minute
        # and are run by every test database).
        settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
        call_command("migrate", run_syncdb=True, verbosity=0)
        from tests.council.factories import EventFactory
        from voorop.council.models import Event
        event = EventFactory(title="Wijkavond zoals de kopie hem kent")
        with sqlite3.connect(os.environ["REPLICA_FILE"]) as copy:  # caught up until now
            sqlite3.connect(os.environ["PRIMARY_FILE"]).backup(copy)
        Event.objects.filter(pk=event.pk).update(title="Wijkavond nieuw op de primaire")
        api = Client().get("/api/v1/events", secure=True).content.decode()
        print("api:", "kopie" in api, "primaire" in api)
        print("orm:", Event.objects.get().title)
        from voorop.core.replica import reads_from_replica
        with reads_from_replica():
            seen = Event.objects.get()  # from the replica
        seen.place = "Zaal De Vrijheid 7"
        seen.save()  # to the primary, not to the replica it was read from
        with sqlite3.connect(os.environ["REPLICA_FILE"]) as copy:
            (replica_place,) = copy.execute("SELECT place FROM council_event").fetchone()
        moved = replica_place != "Zaal De Vrijheid 7"
        print("saved:", Event.objects.get().place, "/ replica:", moved)
    """
    result = run_python(
        code,
        DJANGO_SETTINGS_MODULE="voorop.settings.test",
        PRIMARY_FILE=str(primary),
        REPLICA_FILE=str(replica),
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{primary}",
        DATABASE_REPLICA_URL=f"sqlite:///{replica}",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines()[-3:] == [
        "api: True False",
        "orm: Wijkavond nieuw op de primaire",
        "saved: Zaal De Vrijheid 7 / replica: True",
    ]
