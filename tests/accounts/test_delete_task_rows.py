"""Deleting an account removes task rows that name the person, and only those: whole words,
and never another task's work still waiting (found in review)."""

import pytest
from django_tasks_db.models import DBTaskResult

from tests.accounts.factories import UserFactory
from voorop.accounts.personal_data import anonymise_platform

pytestmark = pytest.mark.django_db


def _row(text: str, *, task_path: str = "voorop.core.tasks.send_email", status: str = "READY"):
    return DBTaskResult.objects.create(
        task_path=task_path,
        queue_name="default",
        backend_name="default",
        args_kwargs={"args": [], "kwargs": {"body": text}},
        status=status,
    )


def test_only_rows_naming_the_person_as_a_whole_word_go():
    person = UserFactory(display_name="Piet", email="piet@example.org")
    naming = _row("Beste Piet, uw melding is binnen.")
    street = _row("Afval ophalen aan het Pietersplein.")
    address = _row("aan piet@example.org")
    waiting = _row("Piet", task_path="voorop.core.tasks.send_mail")
    anonymise_platform(person)
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert naming.pk not in left and address.pk not in left
    assert street.pk in left and waiting.pk in left
