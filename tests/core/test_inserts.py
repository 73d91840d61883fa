"""voorop.core.inserts: one statement that inserts a row, or does nothing when a unique
constraint holds it already; the row is what the ORM's create() stores."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.model_values import field_values
from voorop.core import inserts
from voorop.core.inserts import insert_if_new
from voorop.core.models import AuditEntry, TaskWorker

pytestmark = pytest.mark.django_db


def _stored(row) -> dict:
    return field_values(type(row).objects.get(pk=row.pk), with_pk=False)


def test_the_row_is_what_create_stores_dates_json_and_foreign_keys_included():
    actor = UserFactory()
    data = {"channel": "code", "nested": {"list": [1, "twee", None]}, "tekst": "één"}
    by_orm = AuditEntry.objects.create(
        actor=actor, action="test.insert", target_type="t", target_id="7", data=data
    )
    row = AuditEntry(actor=actor, action="test.insert", target_type="t", target_id="7", data=data)
    with CaptureQueriesContext(connection) as statements:
        assert insert_if_new(row)
    assert len(statements) == 1 and "ON CONFLICT DO NOTHING" in statements[0]["sql"]
    assert row.pk is not None and row.pk != by_orm.pk
    assert not row._state.adding and row._state.db == "default"
    # auto_now_add is set on the instance, as save() does.
    assert row.created_at is not None
    assert abs(row.created_at - by_orm.created_at) < timedelta(minutes=1)
    mine, theirs = _stored(row), _stored(by_orm)
    assert mine.pop("created_at") == row.created_at
    theirs.pop("created_at")
    assert mine == theirs


def test_a_taken_unique_value_writes_nothing_and_the_transaction_goes_on():
    seen = timezone.now()
    first = TaskWorker(worker_id="worker-1", seen_at=seen)
    assert insert_if_new(first)
    with transaction.atomic():
        second = TaskWorker(worker_id="worker-1", seen_at=seen + timedelta(hours=1))
        assert not insert_if_new(second)
        assert second.pk is None and second._state.adding
        # No refused INSERT: PostgreSQL would have aborted the transaction.
        assert TaskWorker.objects.get().seen_at == seen
    assert insert_if_new(TaskWorker(worker_id="worker-2", seen_at=seen))
    assert TaskWorker.objects.count() == 2


def test_a_field_the_database_fills_is_refused_with_its_name():
    from django.db import models

    field = AuditEntry._meta.get_field("action")
    field_default = field.db_default
    try:
        field.db_default = models.Value("x")
        inserts._statements.clear()
        with pytest.raises(TypeError, match=r"core\.AuditEntry\.action"):
            insert_if_new(AuditEntry(action="a"))
    finally:
        field.db_default = field_default
        inserts._statements.clear()


def test_an_old_sqlite_is_refused_with_a_plain_message(monkeypatch):
    monkeypatch.setattr(inserts.sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(inserts.sqlite3, "sqlite_version", "3.31.1")
    errors = inserts.check_sqlite_version()
    if connection.vendor == "sqlite":
        assert [error.id for error in errors] == ["voorop.E003"]
        assert "SQLite 3.31.1 is too old" in errors[0].msg
    else:
        assert errors == []


def test_insert_stores_a_plain_row_and_refuses_loudly_when_a_unique_value_holds_it_back():
    seen = timezone.now()
    row = TaskWorker(worker_id="worker-1", seen_at=seen)
    inserts.insert(row)
    assert TaskWorker.objects.get().pk == row.pk
    with transaction.atomic():
        with pytest.raises(IntegrityError, match=r"core\.TaskWorker"):
            inserts.insert(TaskWorker(worker_id="worker-1", seen_at=seen))
        # As when the database refuses a row: the block cannot go on to commit.
        assert transaction.get_connection().needs_rollback
        transaction.set_rollback(False)
    assert TaskWorker.objects.count() == 1


def _rows_on_hot_paths():
    from tests.loket.factories import DeskItemFactory
    from voorop.core.models import FailedAttempt, OutgoingMail
    from voorop.loket.models import DeskItemTimelineEntry

    item = DeskItemFactory()
    return [
        lambda: FailedAttempt(scope="test.scope", client_hash="abc"),
        lambda: OutgoingMail(kind="test.mail", ids={"item": 7, "nieuw": True}),
        lambda: DeskItemTimelineEntry(
            item=item, kind="received", status=item.status, message={"key": "received"}
        ),
        lambda: AuditEntry(action="test.hot", data={"channel": "code"}),
    ]


def test_every_row_written_on_a_hot_path_is_what_create_stores():
    for make in _rows_on_hot_paths():
        by_orm = make()
        by_orm.save()
        row = make()
        inserts.insert(row)
        mine, theirs = _stored(row), _stored(by_orm)
        for name in ("created_at",):  # now, a moment apart
            assert abs(mine.pop(name, timezone.now()) - theirs.pop(name, timezone.now())) < (
                timedelta(minutes=1)
            )
        assert mine == theirs, type(row).__name__


def test_an_insert_the_database_refuses_marks_its_transaction_for_rollback_as_save_does():
    from voorop.core.models import FailedAttempt

    with transaction.atomic():
        assert not transaction.get_connection().needs_rollback
        with pytest.raises(IntegrityError):
            inserts.insert(FailedAttempt(scope=None, client_hash="x"))  # NOT NULL
        # A caller that catches the error cannot go on to commit the block's other work.
        assert transaction.get_connection().needs_rollback
