from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch, whatever language an earlier test activated."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture
def mails(monkeypatch):
    """The test outbox, with after-commit callbacks (the mail task) run at once.

    Inside a test the transaction never commits, so without this nothing would be sent.
    """
    from django.core import mail
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, *args, **kwargs: func())
    return mail.outbox
