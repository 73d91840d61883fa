"""Issue 13: the desk forms carry a one-time key. The same form sent again (a retry after
its answer was lost, from whatever address) returns the first item, never a second one."""

import pytest
from django.test import Client

from tests.accounts.factories import user_with_role
from tests.loket.factories import once_key, public_form
from voorop.loket.models import DeskItem

pytestmark = pytest.mark.django_db


def test_each_form_has_a_key_of_its_own(client):
    first, second = once_key(client.get("/loket/")), once_key(client.get("/loket/"))
    assert len(first) >= 20 and first != second


def test_a_retry_from_another_address_returns_the_first_item(mails):
    key = once_key(Client().get("/loket/"))
    first = Client(REMOTE_ADDR="198.51.100.1").post("/loket/", public_form(key))
    # The answer was lost; the browser (through another proxy address) sends it again.
    again = Client(REMOTE_ADDR="198.51.100.2").post("/loket/", public_form(key))
    assert first.status_code == again.status_code == 302
    assert DeskItem.objects.count() == 1
    assert first["Location"].split("?")[0] == again["Location"].split("?")[0]
    assert Client().get(again["Location"]).status_code == 200  # the link works
    assert len(mails) == 1  # one confirmation


def test_the_same_key_with_other_words_is_another_item(mails):
    """A page served from a cache to two people gives them the same key: what they typed
    keeps their items apart."""
    key = once_key(Client().get("/loket/"))
    Client(REMOTE_ADDR="198.51.100.1").post("/loket/", public_form(key))
    Client(REMOTE_ADDR="198.51.100.2").post(
        "/loket/", public_form(key, title="Bankje", contact_email="jij@example.org")
    )
    assert DeskItem.objects.count() == 2


def test_without_a_key_a_post_from_another_address_is_a_new_item(mails):
    Client(REMOTE_ADDR="198.51.100.1").post("/loket/", public_form(""))
    Client(REMOTE_ADDR="198.51.100.2").post("/loket/", public_form(""))
    assert DeskItem.objects.count() == 2


def test_a_registration_sent_twice_is_one_item(client):
    client.force_login(user_with_role("loketmedewerker"))
    key = once_key(client.get("/loket/registreren/"))
    data = public_form(key, channel="telefoon", language="nl")
    assert client.post("/loket/registreren/", data).status_code == 200
    assert client.post("/loket/registreren/", data).status_code == 200
    assert DeskItem.objects.count() == 1
    # A new form is a new registration, even in the same words (two callers).
    data["once"] = once_key(client.get("/loket/registreren/"))
    client.post("/loket/registreren/", data)
    assert DeskItem.objects.count() == 2


def test_a_retry_after_staff_replaced_the_link_says_so_instead_of_a_dead_link(mails):
    from voorop.loket import services

    key = once_key(Client().get("/loket/"))
    Client(REMOTE_ADDR="198.51.100.1").post("/loket/", public_form(key))
    item = DeskItem.objects.get()
    services.item_new_tracking_link(item=item, actor=user_with_role("loketmedewerker"))
    again = Client(REMOTE_ADDR="198.51.100.2").post("/loket/", public_form(key))
    assert again.status_code == 200  # the form again, with what was typed and the message
    assert item.reference in again.text and "Pluktuin" in again.text
    assert DeskItem.objects.count() == 1
