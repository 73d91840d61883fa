"""The mail outbox (voorop.core.mail): a mail is written in the transaction of its change,
a mail whose task never came is sent by the sweep, and a mail is sent once, however many
tasks ask for it (issue 13: faults)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail as outbox
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from voorop.core import dbscan, mail, maintenance
from voorop.core.models import AuditEntry, OutgoingMail
from voorop.core.tasks import send_outgoing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kinds(monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(mail, "_renderers", dict(mail._renderers))

    def render_entry(*, entry: int) -> mail.Message | None:
        row = AuditEntry.objects.filter(pk=entry).first()
        if row is None:
            return None
        return mail.Message(to=["anna@example.org"], subject="Ontvangen", body=row.action)

    mail.register("test.entry", render_entry)


def _run_queued() -> list:
    results = []
    for row in DBTaskResult.objects.ready():
        result = row.task_result
        value = row.task.call(*result.args, **result.kwargs)
        row.set_successful(value)
        results.append(value)
    return results


def _entry() -> AuditEntry:
    return AuditEntry.objects.create(action="melding 2026-000123 ontvangen")


def test_the_mail_is_written_with_the_change_and_not_without_it(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            mail.send("test.entry", entry=_entry().pk)
            assert OutgoingMail.objects.count() == 1  # in the same transaction
        with pytest.raises(RuntimeError), transaction.atomic():
            mail.send("test.entry", entry=_entry().pk)
            raise RuntimeError("rolled back")
    assert OutgoingMail.objects.count() == 1
    assert _run_queued() == ["sent"]
    assert len(outbox.outbox) == 1
    assert OutgoingMail.objects.get().sent_at is not None


def test_a_mail_whose_task_never_came_is_sent_by_the_sweep(django_capture_on_commit_callbacks):
    # The process dies between the commit and the enqueue: the callbacks never run.
    with django_capture_on_commit_callbacks(execute=False):
        mail.send("test.entry", entry=_entry().pk)
    assert not DBTaskResult.objects.exists()
    assert mail.sweep() == 0  # too early: its task may still come
    OutgoingMail.objects.update(enqueued_at=timezone.now() - mail.SWEEP_AFTER * 2)
    assert mail.sweep() == 1
    assert mail.sweep() == 0  # enqueued once
    assert _run_queued() == ["sent"]
    assert [m.body for m in outbox.outbox] == ["melding 2026-000123 ontvangen"]
    OutgoingMail.objects.update(enqueued_at=timezone.now() - mail.SWEEP_AFTER * 2)
    assert mail.sweep() == 0  # sent: never again


def test_two_tasks_for_one_mail_send_it_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail.send("test.entry", entry=_entry().pk)
    queued = OutgoingMail.objects.get()
    mail._enqueue(queued.pk)  # a second task, as after a sweep that came too soon
    assert sorted(_run_queued()) == ["sent", "skipped"]
    assert len(outbox.outbox) == 1


def test_the_mail_is_marked_sent_before_the_connection_closes(
    django_capture_on_commit_callbacks, monkeypatch
):
    """A worker killed while it closes the connection (QUIT, TLS) has already sent the
    mail: it must not be sent again."""
    seen_at_close = []
    original = EmailBackend.close

    def close(self):
        seen_at_close.append(OutgoingMail.objects.get().sent_at)
        return original(self)

    monkeypatch.setattr(EmailBackend, "open", lambda self: True)  # a new connection, as SMTP's
    monkeypatch.setattr(EmailBackend, "close", close)
    with django_capture_on_commit_callbacks(execute=True):
        mail.send("test.entry", entry=_entry().pk)
    _run_queued()
    assert seen_at_close and seen_at_close[-1] is not None


def test_a_sender_that_died_lets_the_mail_go_when_its_lease_runs_out(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        mail.send("test.entry", entry=_entry().pk)
    queued = OutgoingMail.objects.get()
    # Taken by a sender that was killed before the mail server accepted it.
    OutgoingMail.objects.update(
        attempts=1,
        lease_until=timezone.now() + timedelta(seconds=30),
        enqueued_at=timezone.now() - mail.SWEEP_AFTER * 2,
    )
    assert mail.sweep() == 0
    assert mail.send_outgoing(queued.pk) == "skipped"
    OutgoingMail.objects.update(lease_until=timezone.now() - timedelta(seconds=1))
    assert mail.sweep() == 1
    assert _run_queued() == ["sent"]
    assert len(outbox.outbox) == 1


def test_a_failing_mail_server_is_tried_again_then_given_up(
    django_capture_on_commit_callbacks, monkeypatch
):
    def down(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", down)
    with django_capture_on_commit_callbacks(execute=False):
        mail.send("test.entry", entry=_entry().pk)
    queued = OutgoingMail.objects.get()
    results = [mail.send_outgoing(queued.pk) for _ in range(mail.MAX_ATTEMPTS + 1)]
    assert results == ["retry"] * (mail.MAX_ATTEMPTS - 1) + ["failed", "skipped"]
    queued.refresh_from_db()
    assert queued.failed_at is not None and queued.error == "OSError"
    OutgoingMail.objects.update(enqueued_at=timezone.now() - mail.SWEEP_AFTER * 2)
    assert mail.sweep() == 0


def test_the_outbox_holds_ids_not_text_and_is_pruned(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail.send("test.entry", entry=_entry().pk)
        mail.send("test.entry", entry=_entry().pk)
    _run_queued()
    AuditEntry.objects.all().delete()
    assert dbscan.find(["melding 2026-000123"]) == []
    assert "core.prune_outbox" in {job.name for job in maintenance.jobs()}
    first = OutgoingMail.objects.order_by("pk").first()
    OutgoingMail.objects.filter(pk=first.pk).update(sent_at=timezone.now() - timedelta(days=2))
    assert mail.prune() == 1
    assert OutgoingMail.objects.count() == 1


def test_a_mail_whose_task_waits_in_a_long_queue_gets_no_second_task(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        mail.send("test.entry", entry=_entry().pk)
    OutgoingMail.objects.update(enqueued_at=timezone.now() - mail.SWEEP_AFTER * 2)
    assert mail.sweep() == 0  # its task is still READY
    assert DBTaskResult.objects.count() == 1
    assert _run_queued() == ["sent"]


def _sweep_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        mail.sweep()
    return len(queries)


def test_the_sweep_asks_only_about_its_own_mails_however_full_the_task_queue(
    django_capture_on_commit_callbacks,
):
    """The sweep runs every 5 s: it must not read every waiting task (review F12)."""
    with django_capture_on_commit_callbacks(execute=True):
        mail.send("test.entry", entry=_entry().pk)
    queued = OutgoingMail.objects.get()
    stale = timezone.now() - mail.SWEEP_AFTER * 2
    OutgoingMail.objects.update(enqueued_at=stale)
    few = _sweep_queries()
    # Many tasks for other mails (sent meanwhile, or rows of another outbox) wait too.
    for other in range(200):
        send_outgoing.enqueue(mail=10**6 + other)
    OutgoingMail.objects.update(enqueued_at=stale)
    assert _sweep_queries() == few
    # Only the candidate's own task comes back, not the 200 others.
    assert mail._queued_outbox_tasks([queued.pk]) == {queued.pk}
    assert mail._queued_outbox_tasks([]) == set()
    assert mail.sweep() == 0  # its task is still READY: no second one
    assert DBTaskResult.objects.filter(args_kwargs__kwargs__mail=queued.pk).count() == 1
