"""Issue 14.1: the desk records how the person is informed, gives staff the tracking link to
read out, turns a message for someone without e-mail into a task (call or letter) in the
officer's queue, and claims only what really happened."""

import re

import pytest

from tests.accounts.factories import user_with_role
from tests.loket.factories import DeskItemFactory
from voorop.loket import services
from voorop.loket.models import DeskItem, DeskTask, InformBy

pytestmark = pytest.mark.django_db

TOLD = ("De indiener heeft bericht gekregen", "heeft bericht gekregen", "is op de hoogte")


def _register(client, **overrides):
    data = {
        "kind": "vraag",
        "title": "Stoep kapot",
        "description": "Bij de bakker.",
        "channel": "telefoon",
        "contact_name": "Mevrouw Jansen",
        "contact_phone": "0612345678",
        "language": "nl",
        **overrides,
    }
    return client.post("/loket/registreren/", data)


def test_a_phone_call_shows_the_tracking_link_to_read_out(client, mails):
    client.force_login(user_with_role("loketmedewerker"))
    page = _register(client).content.decode()
    item = DeskItem.objects.get()
    assert item.inform_by == InformBy.PHONE
    link = re.search(r"https?://[^\s<]+/loket/volg/[\w-]+/", page).group(0)
    assert "Lees deze link nu voor" in page
    # The link works, and it is not stored in clear.
    assert client.get("/" + link.split("://", 1)[1].split("/", 1)[1]).status_code == 200
    assert link.rsplit("/", 2)[-2] not in item.tracking_token_hash
    assert mails == []


def test_letter_without_an_address_is_refused_in_dutch_and_keeps_the_text(client):
    client.force_login(user_with_role("loketmedewerker"))
    page = _register(client, inform_by="brief", title="Mijn onderwerp").content.decode()
    assert "Vul een postadres in" in page and 'value="Mijn onderwerp"' in page
    assert not DeskItem.objects.exists()


def test_a_message_for_a_caller_becomes_a_task_and_claims_nothing_until_done(client, mails):
    desk = user_with_role("loketmedewerker")
    item = DeskItemFactory(contact_email="", contact_phone="0612345678", inform_by="telefoon")
    client.force_login(desk)
    response = client.post(
        f"/loket/melding/{item.reference}/bericht/", {"message-text": "Het wordt maandag."}
    )
    told = client.get(response["Location"]).content.decode()
    assert "Bel de indiener" in told and not any(claim in told for claim in TOLD)
    assert mails == []
    task = DeskTask.objects.get()
    assert task.kind == DeskTask.Kind.CALL and task.assignee == desk
    assert not item.timeline.filter(kind="informed").exists()

    queue = client.get("/loket/werkvoorraad/").content.decode()
    assert "Het wordt maandag." in queue and "Ik heb de indiener gebeld" in queue

    client.post(f"/loket/taak/{task.pk}/gedaan/", {"from": "queue"})
    task.refresh_from_db()
    assert task.done_at is not None and task.done_by == desk
    entry = item.timeline.get(kind="informed")
    assert entry.public and "gebeld" in entry.display_text
    assert "Het wordt maandag." not in client.get("/loket/werkvoorraad/").content.decode()


def test_closing_for_a_letter_writer_makes_a_letter_task(client, mails):
    desk = user_with_role("loketmedewerker")
    item = DeskItemFactory(contact_email="", contact_address="Dorpsstraat 1", inform_by="brief")
    client.force_login(desk)
    response = client.post(
        f"/loket/melding/{item.reference}/afsluiten/", {"close-message": "Het bankje staat er."}
    )
    page = client.get(response["Location"]).content.decode()
    assert "Stuur de indiener een brief" in page and not any(claim in page for claim in TOLD)
    assert DeskTask.objects.get().kind == DeskTask.Kind.LETTER and mails == []


def test_closing_with_an_email_address_says_an_email_is_sent(client, mails):
    client.force_login(user_with_role("loketmedewerker"))
    item = DeskItemFactory()
    response = client.post(
        f"/loket/melding/{item.reference}/afsluiten/", {"close-message": "Het bankje staat er."}
    )
    page = client.get(response["Location"]).content.decode()
    assert "per e-mail" in page and mails[0].to == [item.contact_email]
    assert not DeskTask.objects.exists()


def test_without_any_way_to_reach_them_the_page_says_so(client, mails):
    client.force_login(user_with_role("loketmedewerker"))
    item = DeskItemFactory(anonymous=True, contact_email="", inform_by="volglink")
    response = client.post(
        f"/loket/melding/{item.reference}/afsluiten/", {"close-message": "Opgelost."}
    )
    page = client.get(response["Location"]).content.decode()
    assert "alleen op de volgpagina" in page and mails == []


def test_only_staff_who_handle_the_item_mark_a_task_done(client):
    item = DeskItemFactory(contact_email="", contact_phone="06", inform_by="telefoon")
    services.item_message(item=item, actor=user_with_role("loketmedewerker"), text="Hallo")
    task = DeskTask.objects.get()
    client.force_login(user_with_role("raadslid"))
    assert client.post(f"/loket/taak/{task.pk}/gedaan/").status_code == 403
    task.refresh_from_db()
    assert task.done_at is None


def test_staff_make_a_new_tracking_link_to_read_out(client):
    item = DeskItemFactory(contact_email="", contact_phone="06", inform_by="telefoon")
    old_hash = item.tracking_token_hash
    client.force_login(user_with_role("loketmedewerker"))
    page = client.post(f"/loket/melding/{item.reference}/volglink/").content.decode()
    link = re.search(r"https?://[^\s<]+(/loket/volg/[\w-]+/)", page).group(1)
    item.refresh_from_db()
    assert item.tracking_token_hash != old_hash
    assert client.get(link).status_code == 200
    assert item.timeline.filter(kind="note", public=False).exists()
    client.force_login(user_with_role("raadslid"))
    assert client.post(f"/loket/melding/{item.reference}/volglink/").status_code == 403
