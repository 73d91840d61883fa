"""Mail by kind and ids (voorop.core.mail): the task row holds ids only, the text is made
when the mail is sent, secrets never reach a task row, and finished rows are pruned."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail as outbox
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from voorop.core import dbscan, mail, maintenance, tasks
from voorop.core.models import AuditEntry, OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kinds(monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(mail, "_renderers", dict(mail._renderers))

    def render_entry(*, entry: int, language: str = "nl", token: str = "") -> mail.Message | None:
        row = AuditEntry.objects.filter(pk=entry).first()
        if row is None:
            return None
        return mail.Message(
            to=["anna@example.org"],
            subject=f"Over {row.action}",
            body=f"Uw keuze: {row.data['choice']} {token}".strip(),
        )

    mail.register("test.entry", render_entry)


def _run_queued() -> None:
    for row in DBTaskResult.objects.ready():
        result = row.task_result
        row.set_successful(row.task.call(*result.args, **result.kwargs))


def test_the_task_row_holds_the_kind_and_ids_and_the_text_is_made_at_send_time(
    django_capture_on_commit_callbacks,
):
    entry = AuditEntry.objects.create(action="test.voted", data={"choice": "Speeltuin Heikant"})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail.send("test.entry", entry=entry.pk, language="nl")
    assert not DBTaskResult.objects.exists()  # nothing before the commit
    for callback in callbacks:
        callback()
    row = DBTaskResult.objects.get()
    queued = OutgoingMail.objects.get()
    assert row.args_kwargs["kwargs"] == {"mail": queued.pk}
    assert (queued.kind, queued.ids) == ("test.entry", {"entry": entry.pk, "language": "nl"})
    # Changed before sending: the mail says what is true when it leaves.
    AuditEntry.objects.filter(pk=entry.pk).update(data={"choice": "Bankjes Oud-Veen"})
    _run_queued()
    assert outbox.outbox[0].body == "Uw keuze: Bankjes Oud-Veen"
    assert DBTaskResult.objects.get().return_value == "sent"
    AuditEntry.objects.all().delete()
    assert dbscan.find(["Bankjes Oud-Veen", "Speeltuin Heikant"]) == []


def test_nothing_is_sent_when_the_object_is_gone(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail.send("test.entry", entry=999_999)
    _run_queued()
    assert outbox.outbox == []
    assert DBTaskResult.objects.get().return_value == "nothing"


def test_a_secret_goes_straight_out_after_commit_and_never_into_a_task_row(
    django_capture_on_commit_callbacks,
):
    entry = AuditEntry.objects.create(action="test.tracking", data={"choice": "melding"})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail.send("test.entry", entry=entry.pk, secrets={"token": "SECRET-TRACKING-TOKEN"})
    assert outbox.outbox == []
    for callback in callbacks:
        callback()
    assert outbox.outbox[0].body.endswith("SECRET-TRACKING-TOKEN")
    assert not DBTaskResult.objects.exists()
    assert dbscan.find(["SECRET-TRACKING-TOKEN"]) == []


def test_a_failed_secret_mail_is_logged_without_its_text(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    entry = AuditEntry.objects.create(action="test.tracking", data={"choice": "x"})

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", broken)
    with django_capture_on_commit_callbacks(execute=True):
        mail.send("test.entry", entry=entry.pk, secrets={"token": "SECRET-TRACKING-TOKEN"})
    assert "mail not sent" in caplog.text
    assert "SECRET-TRACKING-TOKEN" not in caplog.text


def test_only_ids_may_travel():
    with pytest.raises(LookupError):
        mail.send("no.such.kind", entry=1)
    with pytest.raises(TypeError):
        mail.send("test.entry", entry=AuditEntry(action="x"))
    with pytest.raises(ValueError, match="too long"):
        mail.send("test.entry", entry=1, language="x" * 300)


def test_finished_task_rows_are_pruned_on_schedule(django_capture_on_commit_callbacks):
    assert "core.prune_task_results" in {job.name for job in maintenance.jobs()}
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(4):
            mail.send("test.entry", entry=n)
    _run_queued()
    rows = list(DBTaskResult.objects.order_by("enqueued_at"))
    now = timezone.now()
    DBTaskResult.objects.filter(pk=rows[0].pk).update(finished_at=now - timedelta(days=2))
    DBTaskResult.objects.filter(pk=rows[1].pk).update(
        status="FAILED", finished_at=now - timedelta(days=2)
    )
    DBTaskResult.objects.filter(pk=rows[2].pk).update(
        status="FAILED", finished_at=now - timedelta(days=8)
    )
    DBTaskResult.objects.filter(pk=rows[3].pk).update(status="READY", finished_at=None)
    assert tasks.prune_task_results() == 2
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {rows[1].pk, rows[3].pk}
