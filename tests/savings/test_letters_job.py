"""Issue 16: letters with codes of a budget dialogue are a tracked background job
(voorop.core.jobs), as budget rounds' voting letters. The request only queues; the job makes
the codes (hashed) and the PDF once, however often it runs; a failed batch is tried again;
the PDF is deleted once printed. No code in clear in the batch row or the task's row."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.accounts.factories import user_with_role
from tests.savings.factories import DialogueFactory
from voorop.core import jobs
from voorop.core import letters as letter_kit
from voorop.core.jobs import JobStatus
from voorop.core.models import AuditEntry
from voorop.savings import services
from voorop.savings.models import LetterBatch, Plan, hash_code

pytestmark = pytest.mark.django_db

ONE = {"street": "Dorpsstraat 1", "postcode": "3701 AA", "city": "Zeist"}
TWO = {"street": "Dorpsstraat 2", "postcode": "3701 AA", "city": "Zeist"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _reap_only_batches(monkeypatch):
    """The reaper looks at every job model; tests/core's probe model has a table only inside
    its own tests."""
    monkeypatch.setattr(jobs, "job_models", lambda: [LetterBatch])


@pytest.fixture
def printed(monkeypatch):
    """The letters each PDF was made of (the only place the codes are in clear)."""
    made: list[list[dict[str, str]]] = []
    real = letter_kit.letters_pdf

    def spy(template, *, letters, **kwargs):
        letters = list(letters)
        made.append(letters)
        return real(template, letters=letters, **kwargs)

    monkeypatch.setattr(letter_kit, "letters_pdf", spy)
    return made


def _staff():
    return user_with_role("procesbegeleider")


def _queued(dialogue, **what) -> LetterBatch:
    """A batch asked for while no worker runs (its on-commit enqueue is not executed)."""
    return services.letters_request(actor=_staff(), dialogue=dialogue, **what)


def test_letters_without_address_are_made_by_the_job(printed):
    dialogue = DialogueFactory(phase="upcoming")
    batch = _queued(dialogue, count=3)
    assert batch.status == JobStatus.QUEUED and not dialogue.codes.exists()
    assert jobs.run(LetterBatch, batch.pk) == "done"
    batch.refresh_from_db()
    assert batch.status == JobStatus.DONE and batch.count == 3
    assert batch.letters.open("rb").read(4) == b"%PDF"
    clear = [letter["code"] for letter in printed[0]]
    stored = set(dialogue.codes.values_list("code_hash", flat=True))
    assert len(stored) == 3
    assert stored == {hash_code(dialogue.pk, code.replace("-", "")) for code in clear}
    found = services.dialogue_code_check(dialogue=dialogue, code=clear[0], client="t")
    assert found.dialogue == dialogue


def test_letters_for_addresses_hold_the_address_and_a_working_code(printed):
    dialogue = DialogueFactory(phase="upcoming")
    batch = _queued(dialogue, addresses=[ONE, TWO, {**ONE, "street": "dorpsstraat  1"}])
    assert batch.count == 3 and batch.addresses
    jobs.run(LetterBatch, batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.count, batch.addresses) == (JobStatus.DONE, 2, [])
    letters = printed[0]
    assert [letter["street"] for letter in letters] == ["Dorpsstraat 1", "Dorpsstraat 2"]
    services.dialogue_code_check(dialogue=dialogue, code=letters[0]["code"], client="t")
    assert dialogue.codes.exclude(address_hash="").count() == 2


def test_a_lost_letter_is_replaced_and_an_address_that_sent_a_plan_gets_none(printed):
    dialogue = DialogueFactory(phase="upcoming")
    jobs.run(LetterBatch, _queued(dialogue, addresses=[ONE, TWO]).pk)
    old_one, old_two = (letter["code"] for letter in printed[0])
    used = services.dialogue_code_check(dialogue=dialogue, code=old_two, client="t")
    Plan.objects.create(dialogue=dialogue, code=used)
    again = _queued(dialogue, addresses=[{**ONE, "postcode": "3701aa"}, TWO])
    jobs.run(LetterBatch, again.pk)
    again.refresh_from_db()
    assert (again.count, again.replaced_count, again.already_sent_count) == (1, 1, 1)
    assert dialogue.codes.count() == 2  # the new code of 1 and the used code of 2
    with pytest.raises(ValidationError):  # the lost letter's code stopped working
        services.dialogue_code_check(dialogue=dialogue, code=old_one, client="t")
    services.dialogue_code_check(dialogue=dialogue, code=printed[1][0]["code"], client="t")
    # Only addresses that sent a plan: refused on the form at once, and by the job (a plan
    # may come in between) with a plain message; nothing made.
    with pytest.raises(ValidationError):
        _queued(dialogue, addresses=[TWO])
    none_left = LetterBatch.objects.create(
        dialogue=dialogue, by_address=True, count=1, addresses=[TWO]
    )
    assert jobs.run(LetterBatch, none_left.pk) == "failed"
    none_left.refresh_from_db()
    assert "al een plan gestuurd" in none_left.error and not none_left.letters
    assert dialogue.codes.count() == 2


def test_running_a_batch_twice_makes_its_codes_once():
    dialogue = DialogueFactory(phase="upcoming")
    batch = _queued(dialogue, addresses=[ONE, TWO])
    assert jobs.run(LetterBatch, batch.pk) == "done"
    assert jobs.run(LetterBatch, batch.pk) == "skipped"
    batch.refresh_from_db()
    letters = batch.letters.name
    # A run that died after its letters were saved but before it was marked done.
    LetterBatch.objects.filter(pk=batch.pk).update(status=JobStatus.QUEUED)
    assert jobs.run(LetterBatch, batch.pk) == "done"
    batch.refresh_from_db()
    assert batch.letters.name == letters
    assert dialogue.codes.count() == 2
    assert AuditEntry.objects.filter(action="savings.codes_generated").count() == 1


def test_a_run_that_lost_its_claim_makes_nothing():
    dialogue = DialogueFactory(phase="upcoming")
    batch = _queued(dialogue, count=2)
    assert jobs.claim(LetterBatch, batch.pk) == 1
    stale = LetterBatch.objects.get(pk=batch.pk)
    LetterBatch.objects.filter(pk=batch.pk).update(attempts=2)  # the reaper gave it on
    services.letters_make(batch=stale)
    assert not dialogue.codes.exists()


def test_a_dead_worker_is_reaped_then_failed_then_tried_again(django_capture_on_commit_callbacks):
    dialogue = DialogueFactory(phase="upcoming")
    batch = _queued(dialogue, addresses=[ONE, TWO])
    for _ in range(batch.max_attempts):
        assert jobs.claim(LetterBatch, batch.pk) is not None
        LetterBatch.objects.filter(pk=batch.pk).update(
            lease_expires_at=timezone.now() - timedelta(seconds=1)
        )
        with django_capture_on_commit_callbacks(execute=False):
            jobs.reap()
    batch.refresh_from_db()
    assert (batch.status, batch.attempts) == (JobStatus.FAILED, 3)
    assert batch.addresses and not dialogue.codes.exists()  # kept for "try again"
    with pytest.raises(PermissionDenied):
        services.letters_retry(actor=user_with_role("inwoner"), batch=batch)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.letters_retry(actor=_staff(), batch=batch)
    batch.refresh_from_db()
    assert (batch.status, batch.attempts, batch.error) == (JobStatus.DONE, 1, "")
    assert dialogue.codes.count() == 2 and batch.addresses == []
    assert not services.letters_retry(actor=_staff(), batch=batch)  # no longer failed
    assert AuditEntry.objects.filter(action="savings.letters_retried").count() == 1


def test_a_crash_is_retried_a_bounded_number_of_times(monkeypatch):
    dialogue = DialogueFactory(phase="upcoming")
    batch = _queued(dialogue, count=1)

    def broken(*args, **kwargs):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(letter_kit, "letters_pdf", broken)
    for _ in range(batch.max_attempts):
        jobs.run(LetterBatch, batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.attempts) == (JobStatus.FAILED, 3)
    assert "printer" not in batch.error and batch.error
    assert not dialogue.codes.exists()  # each crashed run left nothing behind


def test_delete_removes_the_pdf_and_the_codes_keep_working(printed):
    dialogue = DialogueFactory(phase="closed")  # printed and handed out: may go after closing
    batch = LetterBatch.objects.create(dialogue=dialogue, count=1)
    with pytest.raises(PermissionDenied):
        services.letters_request(actor=_staff(), dialogue=dialogue, count=1)
    LetterBatch.objects.filter(pk=batch.pk).update(status=JobStatus.RUNNING, attempts=1)
    batch.refresh_from_db()
    services.letters_make(batch=batch)
    batch.refresh_from_db()
    path = batch.letters.path
    with pytest.raises(PermissionDenied):
        services.letters_delete(actor=user_with_role("inwoner"), batch=batch)
    services.letters_delete(actor=_staff(), batch=batch)
    batch.refresh_from_db()
    assert not batch.letters and batch.letters_deleted_at
    assert not os.path.exists(path)
    services.dialogue_code_check(dialogue=dialogue, code=printed[0][0]["code"], client="t")
    # A run after the deletion makes no new letters.
    LetterBatch.objects.filter(pk=batch.pk).update(status=JobStatus.RUNNING, attempts=2)
    batch.refresh_from_db()
    services.letters_make(batch=batch)
    assert dialogue.codes.count() == 1


def test_the_request_checks_before_it_queues():
    dialogue = DialogueFactory(phase="upcoming")
    for bad in ({"count": 0}, {"count": 20001}, {"addresses": []}):
        with pytest.raises(ValidationError):
            _queued(dialogue, **bad)
    with pytest.raises(ValidationError):
        _queued(dialogue, addresses=[ONE] * 20001)
    with pytest.raises(PermissionDenied):
        services.letters_request(actor=user_with_role("inwoner"), dialogue=dialogue, count=1)
    assert not LetterBatch.objects.exists()


def test_no_code_in_clear_in_the_batch_or_the_task_rows(
    printed, settings, django_capture_on_commit_callbacks
):
    """The task gets the batch's id only; its result is a word. Run through the database
    task backend, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    dialogue = DialogueFactory(phase="upcoming")
    with django_capture_on_commit_callbacks(execute=True):
        batch = _queued(dialogue, addresses=[ONE, TWO])
    row = DBTaskResult.objects.get()
    assert row.args_kwargs == {
        "args": [],
        "kwargs": {"model": "savings.letterbatch", "pk": batch.pk},
    }
    assert jobs.run(LetterBatch, batch.pk) == "done"
    batch.refresh_from_db()
    clear = [letter["code"] for letter in printed[0]]
    everything = " ".join(
        str(value)
        for value in [
            *DBTaskResult.objects.values_list(
                "args_kwargs", "return_value", "exception_class_path"
            ),
            *LetterBatch.objects.values_list(),
            *AuditEntry.objects.values_list("data"),
        ]
    )
    for code in clear:
        assert code not in everything and code.replace("-", "") not in everything
