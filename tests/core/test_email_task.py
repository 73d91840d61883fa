import pytest
from django.core import mail

from voorop.core.models import AuditEntry
from voorop.core.services import audit_log, email_send

pytestmark = pytest.mark.django_db


def test_email_is_sent_by_a_task_after_commit(
    django_capture_on_commit_callbacks, tmp_path, settings
):
    template_dir = tmp_path / "templates" / "mail"
    template_dir.mkdir(parents=True)
    (template_dir / "hello_subject.txt").write_text("Hallo {{ name }}\n")
    (template_dir / "hello_body.txt").write_text("Beste {{ name }}, dit is een test.")
    # A new list, so Django's setting_changed signal rebuilds the template engines.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates"]}]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_send(to=["a@example.org", ""], template="mail/hello", context={"name": "Anna"})
    assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Hallo Anna"
    assert mail.outbox[0].to == ["a@example.org"]


def test_audit_log_records_anonymous_actor_as_none():
    from django.contrib.auth.models import AnonymousUser

    entry = audit_log(actor=AnonymousUser(), action="test.done", data={"n": 1})
    assert entry.actor_id is None
    assert AuditEntry.objects.get().data == {"n": 1}
