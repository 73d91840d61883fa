"""The copy of the demo municipality that tests start from (tests/demo_snapshot.py) is the
demo as the command leaves it: every row back as stored, typed values read back by the ORM,
new rows after the copied ones, and the same after a transactional test's flush."""

from __future__ import annotations

from contextlib import closing

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from tests import demo_snapshot
from tests.demo_snapshot import load_demo, model_tables
from voorop.accounts.models import User
from voorop.budgeting.models import BudgetRound
from voorop.core.areas.models import Area


def _in_any_order(data) -> list:
    """A table's rows, as read for the copy (COPY text or value tuples), in a fixed order."""
    return sorted(data.splitlines()) if isinstance(data, bytes) else sorted(data, key=repr)


def _rows_now() -> dict[str, list]:
    with closing(connection.connection.cursor()) as raw:
        return {
            table: _in_any_order(demo_snapshot._read(raw, table, columns))
            for table, columns in model_tables().items()
        }


def _rows_in(snapshot) -> dict[str, list]:
    return {table: _in_any_order(data) for table, (_columns, data) in snapshot.tables.items()}


@pytest.mark.django_db
def test_every_row_comes_back_as_the_demo_stored_it():
    load_demo()  # the rows written back (after the command ran, if this was the first time)
    rows = _rows_now()
    assert rows == _rows_in(demo_snapshot._snapshot)
    assert sum(len(each) for each in rows.values()) > 5_000
    assert len(rows["accounts_user"]) > 20


@pytest.mark.django_db
def test_the_orm_reads_the_copy_and_adds_rows_after_it():
    load_demo()
    budget_round = BudgetRound.objects.order_by("pk").first()
    assert budget_round is not None and budget_round.phase.key
    assert User.objects.get(email="beheerder@lindewaard.example").check_password("voorop-demo")
    highest = Area.objects.order_by("-pk").values_list("pk", flat=True).first()
    added = Area.objects.create(name="Nieuwbouwwijk", slug="nieuwbouwwijk", kind="wijk")
    assert added.pk > highest
    assert User.objects.create_user(email="nieuw@example.org", password="x" * 12).pk


@pytest.mark.django_db(transaction=True)
def test_after_a_flush_the_copy_brings_its_own_content_types():
    load_demo()
    copied = set(ContentType.objects.values_list("pk", flat=True))
    # A transactional test's flush: Django makes the content types again, under new ids.
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    assert copied.isdisjoint(ContentType.objects.values_list("pk", flat=True))
    ContentType.objects.get_for_model(User)  # the cache now knows the new id
    load_demo()
    assert set(ContentType.objects.values_list("pk", flat=True)) == copied
    # The copy's permissions point at the copy's content types, and the cache knows them.
    permission = Permission.objects.select_related("content_type").get(codename="change_user")
    assert permission.content_type == ContentType.objects.get_for_model(User)
    assert User.objects.get(email="inwoner@lindewaard.example").is_active
