"""After each account flow the whole database is searched for its secrets in clear:
passwords, the keys in confirmation and reset links, the authenticator key and recovery
codes. Mails go through the database task backend here, as in production, so their task
rows are searched too."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.core import mail
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult

from tests.accounts.factories import TEST_PASSWORD, UserFactory, totp_code
from voorop.core import dbscan
from voorop.core.models import OutgoingMail

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-Good-passw0rd"


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.clear()


def run_queued_tasks() -> int:
    """What the worker does, inside the test's transaction: run each waiting task and keep
    its row with the result, so the scan sees what production keeps."""
    ran = 0
    for row in DBTaskResult.objects.ready():
        result = row.task_result
        row.set_successful(row.task.call(*result.args, **result.kwargs))
        ran += 1
    return ran


def _path_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def _assert_nothing_in_clear(*secrets: str) -> None:
    hits = dbscan.find(list(secrets))
    assert hits == [], [str(hit) for hit in hits]


def test_sign_up_and_confirmation_leave_no_key(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/account/signup/",
            {"email": "nieuw@example.org", "password1": TEST_PASSWORD, "password2": TEST_PASSWORD},
        )
    row = DBTaskResult.objects.get()
    queued = OutgoingMail.objects.get(pk=row.args_kwargs["kwargs"]["mail"])
    assert queued.kind == "accounts.email_confirmation"
    assert mail.outbox == []  # only the ids were queued; the worker renders
    assert run_queued_tasks() == 1
    path = _path_in(mail.outbox[0])
    key = path.rstrip("/").rsplit("/", 1)[1]
    assert len(key) > 20
    _assert_nothing_in_clear(key, TEST_PASSWORD, mail.outbox[0].body[-80:])
    assert client.post(path).status_code == 302
    _assert_nothing_in_clear(key, TEST_PASSWORD)


def test_password_reset_leaves_no_key(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/password/reset/", {"email": user.email})
    assert run_queued_tasks() == 1
    path = _path_in(mail.outbox[0])
    key = path.rstrip("/").rsplit("/", 1)[1]
    token = key.split("-", 1)[1]
    _assert_nothing_in_clear(key, token)
    # The link works (the key was made when the mail was sent).
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    _assert_nothing_in_clear(token, NEW_PASSWORD, TEST_PASSWORD)


def test_a_reset_for_an_unknown_address_is_sent_without_a_task_row(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/password/reset/", {"email": "onbekend@example.org"})
    assert len(mail.outbox) == 1
    assert not DBTaskResult.objects.exists()
    _assert_nothing_in_clear(mail.outbox[0].subject)


def test_setting_up_two_factor_leaves_no_key_or_code(client):
    beheerder = UserFactory(roles=["beheerder"], roles__two_factor=False)
    client.post("/account/login/", {"login": beheerder.email, "password": TEST_PASSWORD})
    client.post("/account/reauthenticate/", {"password": TEST_PASSWORD})
    client.get("/account/2fa/totp/activate/")
    secret = client.session[SECRET_SESSION_KEY]
    code = totp_code(secret)
    assert client.post("/account/2fa/totp/activate/", {"code": code}).status_code == 302
    page = client.get("/account/2fa/recovery-codes/").content.decode()
    recovery = re.findall(r"\b[0-9a-f]{8}\b", page)
    assert recovery
    _assert_nothing_in_clear(secret, *recovery, TEST_PASSWORD)


def test_the_scan_finds_a_secret_where_it_is(client):
    # A control: the scan does look into JSON columns, text columns and sessions.
    from voorop.core.services import audit_log

    audit_log(actor=None, action="test.leak", data={"token": "LEAKED-TOKEN-123"})
    user = UserFactory(display_name="LEAKED-NAME-456")
    client.force_login(user)
    session = client.session
    session["note"] = "LEAKED-SESSION-789"
    session.save()
    found = {
        (hit.needle, hit.table)
        for hit in dbscan.find(
            ["LEAKED-TOKEN-123", "LEAKED-NAME-456", "LEAKED-SESSION-789", "NOWHERE-000"]
        )
    }
    assert found == {
        ("LEAKED-TOKEN-123", "core_auditentry"),
        ("LEAKED-NAME-456", "accounts_user"),
        ("LEAKED-SESSION-789", "django_session"),
    }
