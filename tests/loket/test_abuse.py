"""Issue 12.6 for the desk: anonymous posts are limited per client (the address the
trusted proxy saw), confirmation mails per address, and a double post makes one item."""

import re

import pytest
from django.test import override_settings

from tests.accounts.factories import UserFactory
from voorop.core import maintenance
from voorop.loket import double_post, services
from voorop.loket.models import DeskItem, RecentPost

pytestmark = pytest.mark.django_db


def _form(n: int = 0, **overrides):
    return {
        "kind": "idee",
        "title": f"Pluktuin {n}",
        "description": "Op het veldje.",
        "contact_email": f"ik{n}@example.org",
        **overrides,
    }


def test_a_visitor_is_limited_per_client_and_keeps_what_they_typed(client, mails):
    for n in range(services.intake.SUBMISSIONS.limit):
        assert client.post("/loket/", _form(n)).status_code == 302
    page = client.post("/loket/", _form(99, title="Mijn titel")).content.decode()
    assert "U heeft in korte tijd veel meldingen gestuurd" in page
    assert 'value="Mijn titel"' in page
    assert DeskItem.objects.count() == services.intake.SUBMISSIONS.limit
    # Another client is not affected.
    other = client.post("/loket/", _form(100), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


@override_settings(VOOROP_TRUSTED_PROXIES=1)
def test_the_client_is_the_address_the_trusted_proxy_saw(client, mails):
    limit = services.intake.SUBMISSIONS.limit
    for n in range(limit):
        # A forged left-hand entry does not make a new client.
        client.post("/loket/", _form(n), HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.5")
    refused = client.post("/loket/", _form(50), HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5")
    assert refused.status_code == 200
    assert client.post("/loket/", _form(51), HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302


def test_signed_in_residents_are_not_limited_as_visitors(client, mails):
    client.force_login(UserFactory())
    for n in range(services.intake.SUBMISSIONS.limit + 1):
        assert client.post("/loket/", _form(n)).status_code == 302


def test_one_address_gets_a_limited_number_of_confirmations(client, mails):
    limit = services.intake.CONFIRMATIONS.limit
    for n in range(limit + 2):
        response = client.post(
            "/loket/", _form(n, contact_email="doelwit@example.org"), REMOTE_ADDR=f"192.0.2.{n}"
        )
        assert response.status_code == 302
    assert len([m for m in mails if m.to == ["doelwit@example.org"]]) == limit
    # The page does not claim an e-mail that was not sent.
    assert response["Location"].endswith("?nieuw=0")
    page = client.get(response["Location"]).content.decode()
    assert "deze link ook per e-mail gestuurd" not in page and "geen e-mail gestuurd" in page


def test_the_same_post_twice_makes_one_item_and_both_reach_its_page(client, mails):
    first = client.post("/loket/", _form())
    second = client.post("/loket/", _form())
    assert DeskItem.objects.count() == 1
    path = re.sub(r"\?.*", "", first["Location"])
    assert re.sub(r"\?.*", "", second["Location"]) == path
    assert client.get(path).status_code == 200
    assert len(mails) == 1
    # Only keyed hashes are kept of the post.
    assert not RecentPost.objects.filter(digest__contains="Pluktuin").exists()


def test_a_different_post_is_a_new_item(client, mails):
    client.post("/loket/", _form(1))
    client.post("/loket/", _form(2))
    assert DeskItem.objects.count() == 2


def test_old_fingerprints_are_pruned_daily():
    assert "loket.prune_recent_posts" in {job.name for job in maintenance.jobs()}
    assert double_post.prune() == 0


def test_the_tracking_link_is_in_no_task_row(client, settings, django_capture_on_commit_callbacks):
    """The confirmation goes through the outbox with the item's id only; the worker makes
    the tracking token again (DeskItem.first_token), and it is found nowhere in the
    database (docs/security.md)."""
    from django.core import mail as outbox
    from django_tasks_db.models import DBTaskResult

    from voorop.core import dbscan

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/loket/", _form())
    assert outbox.outbox == []  # queued: the worker sends it
    row = DBTaskResult.objects.get()
    assert set(row.args_kwargs["kwargs"]) == {"mail"}
    result = row.task_result
    row.set_successful(row.task.call(*result.args, **result.kwargs))
    token = re.search(r"/loket/volg/([\w-]+)/", outbox.outbox[0].body).group(1)
    assert f"/loket/volg/{token}/" in answer["Location"]  # the link the page gave
    assert dbscan.find([token]) == []


def test_two_callers_with_the_same_words_are_two_items_with_their_own_links():
    """Staff registering calls: two people may report the same thing in the same words;
    each is an item of its own (review of issue 12.6's double-post check)."""
    from tests.accounts.factories import user_with_role
    from voorop.loket.models import Channel

    desk = user_with_role("loketmedewerker")
    same = {"kind": "melding", "title": "Losse stoeptegel", "description": "Voor de bakker."}
    first, first_token = services.item_register(
        actor=desk,
        channel=Channel.PHONE,
        contact_name="Ans Bos",
        contact_address="Dorpsstraat 1, 1234 AB Oud-Veen",
        inform_by="brief",
        **same,
    )
    second, second_token = services.item_register(
        actor=desk,
        channel=Channel.PHONE,
        contact_name="Bert Kok",
        contact_address="Kerkweg 9, 1234 AB Oud-Veen",
        inform_by="brief",
        **same,
    )
    assert first.pk != second.pk and first_token != second_token
    assert {first.contact_name, second.contact_name} == {"Ans Bos", "Bert Kok"}


def test_two_visitors_behind_one_address_who_give_other_names_are_two_items():
    from django.contrib.auth.models import AnonymousUser

    same = {"kind": "idee", "title": "Pluktuin", "description": "Op het veldje."}
    for name in ("Ans Bos", "Bert Kok"):
        services.item_submit(
            actor=AnonymousUser(),
            client="same-nat-address",
            contact_name=name,
            inform_by="volglink",
            **same,
        )
    assert DeskItem.objects.count() == 2
