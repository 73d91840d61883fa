from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from voorop.core import maintenance
from voorop.core.models import PendingUpload

pytestmark = pytest.mark.django_db


def test_privacy_jobs_are_registered():
    names = {job.name for job in maintenance.jobs()}
    assert {
        "core.prune_pending_uploads",
        "council.forget_event_guests",
        "sortition.purge_due_pools",
        "budgeting.close_due_rounds",
    } <= names


def test_a_failing_job_does_not_stop_the_others(monkeypatch, capsys):
    ran = []
    monkeypatch.setattr(maintenance, "_jobs", {})
    maintenance.register("a.broken", lambda: 1 / 0)
    maintenance.register("b.works", lambda: ran.append("b") or "done")
    with pytest.raises(SystemExit):
        call_command("maintenance")
    assert ran == ["b"]
    assert "b.works: done" in capsys.readouterr().out


def test_stale_pending_uploads_are_removed(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old = PendingUpload(
        token="old", session_key="s", original_name="a.png", content_type="image/png", size=3
    )
    old.file.save("old", ContentFile(b"abc"))
    PendingUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    fresh = PendingUpload(
        token="new", session_key="s", original_name="b.png", content_type="image/png", size=3
    )
    fresh.file.save("new", ContentFile(b"abc"))
    assert maintenance.prune_pending_uploads() == 1
    assert list(PendingUpload.objects.values_list("token", flat=True)) == ["new"]
    assert not (tmp_path / "pending" / "old").exists()
