"""Issue 14.10: plain-text mails are not HTML-escaped, greet the person by name when one
was given, and link to the address the server actually serves."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.template import engines
from django.template.loader import render_to_string

from voorop.core import mail
from voorop.core.management.commands import serve


def test_plain_text_templates_are_not_html_escaped():
    body = render_to_string(
        "initiatives/mail/status_changed_body.txt",
        {
            "name": "Anna",
            "initiative": SimpleNamespace(title="Foto's van de buurt & meer"),
            "old_status": "concept",
            "new_status": "ingediend",
            "actor_name": "Kees",
            "reason": 'De foto\'s zijn "klaar" <eindelijk>',
            "url": "https://example.org/initiatieven/1/?a=1&b=2",
        },
    )
    assert "Foto's van de buurt & meer" in body
    assert 'De foto\'s zijn "klaar" <eindelijk>' in body
    assert "?a=1&b=2" in body
    assert "&#x27;" not in body and "&amp;" not in body and "&quot;" not in body


def test_html_templates_are_still_escaped():
    html = engines["django"].from_string("<p>{{ text }}</p>").render({"text": "<b>foto's</b>"})
    assert html == "<p>&lt;b&gt;foto&#x27;s&lt;/b&gt;</p>"
    page = render_to_string("accounts/partials/follow_button.html", {"next": "/x?a=<b>"})
    assert "&lt;b&gt;" in page or "%3Cb%3E" in page


def _item(**fields):
    values = {
        "title": "Bankje bij de kerk",
        "reference": "L-1",
        "contact_name": "",
        "submitter": None,
        "response_due": None,
    }
    return SimpleNamespace(**{**values, **fields})


@pytest.mark.django_db
def test_a_mail_greets_by_name_when_a_name_was_given():
    message = mail.from_templates(
        to=["a@example.org"],
        template="loket/mail/received",
        context={"item": _item(contact_name="Anna de Vries")},
        language="nl",
    )
    assert message.body.startswith("Beste Anna de Vries,")
    assert "Beste inwoner" not in message.body


@pytest.mark.django_db
def test_a_mail_greets_a_resident_without_a_name_in_general():
    message = mail.from_templates(
        to=["a@example.org"],
        template="loket/mail/received",
        context={"item": _item()},
        language="nl",
    )
    assert message.body.startswith("Beste inwoner,")
    english = mail.from_templates(
        to=["a@example.org"],
        template="loket/mail/received",
        context={"item": _item(contact_name="Anna")},
        language="en",
    )
    assert english.body.startswith("Dear Anna,")


@pytest.mark.django_db
def test_a_budget_mail_uses_the_account_name():
    voter = SimpleNamespace(display_name="Fatima el Amrani")
    message = mail.from_templates(
        to=["a@example.org"],
        template="budgeting/mail/ballot_receipt",
        context={
            "round": SimpleNamespace(title="Ronde", pk=1),
            "ballot": SimpleNamespace(voter=voter, changed_at=None),
            "chosen": [],
            "changed": False,
        },
        language="nl",
    )
    assert message.body.startswith("Beste Fatima el Amrani,")


@pytest.mark.parametrize(
    ("addrport", "url"),
    [
        ("127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("0.0.0.0:8081", "http://127.0.0.1:8081"),
        ("8082", "http://127.0.0.1:8082"),
        ("localhost:9000", "http://localhost:9000"),
        ("[::1]:8000", "http://[::1]:8000"),
        ("[::]:8000", "http://127.0.0.1:8000"),
    ],
)
def test_the_site_address_follows_what_is_served(addrport, url):
    assert serve.site_url(addrport) == url


def _capture_supervise(monkeypatch) -> list:
    calls: list = []

    def fake_supervise(self, commands, environ, *, maintenance):
        calls.append((commands, environ))

    monkeypatch.setattr(serve.Command, "_supervise", fake_supervise)
    return calls


def test_serve_prints_the_address_and_uses_it_for_links(monkeypatch, capsys):
    calls = _capture_supervise(monkeypatch)
    monkeypatch.delenv("VOOROP_SITE_URL", raising=False)
    call_command("serve", "127.0.0.1:8080", no_maintenance=True)
    commands, environ = calls[0]
    assert environ["VOOROP_SITE_URL"] == "http://127.0.0.1:8080"
    assert "--bind" in commands[0] and "127.0.0.1:8080" in commands[0]
    out = capsys.readouterr().out
    assert "Serving on http://127.0.0.1:8080/" in out
    assert "Links in e-mails start with http://127.0.0.1:8080/" in out


def test_serve_keeps_a_site_address_that_was_set(monkeypatch, capsys):
    calls = _capture_supervise(monkeypatch)
    monkeypatch.setenv("VOOROP_SITE_URL", "https://doemee.example.nl")
    call_command("serve", "8080", no_maintenance=True)
    commands, environ = calls[0]
    assert environ["VOOROP_SITE_URL"] == "https://doemee.example.nl"
    assert "127.0.0.1:8080" in commands[0]
    assert "https://doemee.example.nl/" in capsys.readouterr().out
