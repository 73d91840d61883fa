"""Issue 12.6: two (or eight) identical desk posts at the same moment make ONE item, and
every request gets its tracking link (PostgreSQL: real parallel transactions)."""

from django.contrib.auth.models import AnonymousUser
from django.test import Client

from tests.concurrency import postgres_only, race
from voorop.loket import services
from voorop.loket.models import DeskItem

pytestmark = postgres_only


def test_identical_posts_at_once_make_one_item():
    def post(index: int) -> tuple[int, str]:
        item, token = services.item_submit(
            actor=AnonymousUser(),
            kind="idee",
            title="Pluktuin",
            description="Op het veldje.",
            contact_email="ik@example.org",
            client="one-client",
        )
        return item.pk, token

    outcomes = race(post)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert DeskItem.objects.count() == 1
    assert len(set(outcomes)) == 1  # the same item and the same link for every post


def test_identical_form_posts_at_once_make_one_item():
    data = {
        "kind": "idee",
        "title": "Bankje",
        "description": "Bij de vijver.",
        "contact_email": "a@b.nl",
    }

    def post(index: int) -> str:
        return Client().post("/loket/", data)["Location"].split("?")[0]

    outcomes = race(post, threads=4)
    assert all(isinstance(o, str) for o in outcomes), outcomes
    assert DeskItem.objects.count() == 1 and len(set(outcomes)) == 1


def test_one_form_sent_at_once_from_several_addresses_makes_one_item():
    """Issue 13: the form's one-time key, not the client, makes the posts one (a retry may
    come through another proxy address)."""
    data = {
        "kind": "idee",
        "title": "Speelveld",
        "description": "Bij de school.",
        "contact_email": "c@d.nl",
        "once": "one-form-key-1234567890",
    }

    def post(index: int) -> str:
        client = Client(REMOTE_ADDR=f"198.51.100.{index + 1}")
        return client.post("/loket/", data)["Location"].split("?")[0]

    outcomes = race(post, threads=4)
    assert all(isinstance(o, str) for o in outcomes), outcomes
    assert DeskItem.objects.count() == 1 and len(set(outcomes)) == 1
