"""Issue 12.8: letters with voting codes are a tracked job (voorop.core.jobs). A run whose
worker died is run again by the reaper and makes the codes once; after the last attempt the
batch is failed with a message and staff press "try again"; running it twice changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.accounts.factories import UserFactory, user_with_role
from tests.budgeting.views.helpers import voting_round
from voorop.budgeting import services
from voorop.budgeting.models import VotingCodeBatch
from voorop.core import jobs
from voorop.core.jobs import JobStatus
from voorop.core.models import AuditEntry

pytestmark = pytest.mark.django_db

ADDRESSES = [
    {"name": "Fam. Jansen", "street": "Dorpsstraat 1", "postcode": "1234 AB", "city": "Heikant"},
    {"name": "", "street": "Kerkweg 2", "postcode": "1234 AC", "city": "Heikant"},
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _reap_only_batches(monkeypatch):
    """The reaper looks at every job model; tests/core's probe model has a table only inside
    its own tests."""
    monkeypatch.setattr(jobs, "job_models", lambda: [VotingCodeBatch])


def _queued_batch():
    """A batch requested while no worker runs (its on-commit enqueue is not executed)."""
    budget_round, _ = voting_round(phase="review")
    actor = user_with_role("beheerder")
    batch = services.voting_codes_request(
        actor=actor, budget_round=budget_round, addresses=list(ADDRESSES)
    )
    return batch, actor


def _die_mid_run(batch: VotingCodeBatch) -> None:
    """A worker claims the batch and is killed: the row stays RUNNING, its lease runs out."""
    assert jobs.claim(VotingCodeBatch, batch.pk) is not None
    VotingCodeBatch.objects.filter(pk=batch.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )


def test_a_batch_whose_worker_died_is_reaped_and_made_once(django_capture_on_commit_callbacks):
    batch, _actor = _queued_batch()
    assert batch.status == JobStatus.QUEUED
    _die_mid_run(batch)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.reap() == 1
    batch.refresh_from_db()
    assert (batch.status, batch.attempts, batch.error) == (JobStatus.DONE, 2, "")
    assert batch.letters and batch.addresses == [] and batch.count == 2
    assert batch.round.voting_codes.filter(revoked_at__isnull=True).count() == 2
    assert batch.round.voting_codes.count() == 2
    generated = AuditEntry.objects.filter(action="budgeting.voting_codes_generated")
    assert generated.count() == 1


def test_after_the_last_attempt_the_batch_fails_and_try_again_makes_it(
    client, django_capture_on_commit_callbacks
):
    batch, actor = _queued_batch()
    for _ in range(batch.max_attempts):
        _die_mid_run(batch)
        with django_capture_on_commit_callbacks(execute=False):
            jobs.reap()
    batch.refresh_from_db()
    assert (batch.status, batch.attempts) == (JobStatus.FAILED, 3)
    assert "3" in batch.error and batch.error
    assert batch.addresses  # kept, so that trying again needs no new upload
    assert not batch.round.voting_codes.exists()

    url = f"/begroting/{batch.round_id}/stemcodes/"
    client.force_login(UserFactory())
    assert client.post(f"{url}{batch.pk}/opnieuw/").status_code == 403
    batch.refresh_from_db()
    assert batch.status == JobStatus.FAILED

    client.force_login(actor)
    page = client.get(url).content.decode()
    assert batch.error in page
    assert "Probeer opnieuw" in page and f"{url}{batch.pk}/opnieuw/" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}{batch.pk}/opnieuw/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.attempts, batch.error) == (JobStatus.DONE, 1, "")
    assert batch.round.voting_codes.count() == 2
    assert AuditEntry.objects.filter(action="budgeting.voting_letters_retried").count() == 1
    # A second press on a batch that is no longer failed does nothing.
    assert not services.voting_letters_retry(actor=actor, batch=batch)


def test_running_a_batch_twice_makes_its_codes_once(django_capture_on_commit_callbacks):
    batch, _actor = _queued_batch()
    assert jobs.run(VotingCodeBatch, batch.pk) == "done"
    assert jobs.run(VotingCodeBatch, batch.pk) == "skipped"
    batch.refresh_from_db()
    letters = batch.letters.name
    # A run that died after its letters were saved but before it was marked done.
    VotingCodeBatch.objects.filter(pk=batch.pk).update(status=JobStatus.QUEUED)
    assert jobs.run(VotingCodeBatch, batch.pk) == "done"
    batch.refresh_from_db()
    assert batch.letters.name == letters
    assert batch.round.voting_codes.count() == 2
    assert AuditEntry.objects.filter(action="budgeting.voting_codes_generated").count() == 1


def test_a_batch_without_addresses_fails_with_a_message_and_is_not_retried():
    batch, _actor = _queued_batch()
    VotingCodeBatch.objects.filter(pk=batch.pk).update(addresses=[])
    assert jobs.run(VotingCodeBatch, batch.pk) == "failed"
    batch.refresh_from_db()
    assert (batch.status, batch.attempts) == (JobStatus.FAILED, 1)
    assert "Upload" in batch.error or "upload" in batch.error
