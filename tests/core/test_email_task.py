import pytest

from voorop.core.models import AuditEntry
from voorop.core.services import audit_log

pytestmark = pytest.mark.django_db


def test_no_app_sends_a_mail_rendered_up_front():
    """Every mail goes by kind and ids (voorop.core.mail); the old way, which left a mail's
    whole text in a task row, is gone, and only its task stays to drain queued rows."""
    from pathlib import Path

    import voorop
    from voorop.core import services

    assert not hasattr(services, "email_send")
    package = Path(voorop.__file__).parent
    senders = [
        path
        for path in package.rglob("*.py")
        if "send_email.enqueue" in path.read_text(encoding="utf-8")
        or "email_send(" in path.read_text(encoding="utf-8")
    ]
    assert senders == []


def test_audit_log_records_anonymous_actor_as_none():
    from django.contrib.auth.models import AnonymousUser

    entry = audit_log(actor=AnonymousUser(), action="test.done", data={"n": 1})
    assert entry.actor_id is None
    assert AuditEntry.objects.get().data == {"n": 1}
