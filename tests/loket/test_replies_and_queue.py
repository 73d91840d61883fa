"""Issue 14.3: a resident's reply shows as theirs and reaches whoever holds the item (the
contact person and the team's members). Issue 14.4: the queue filter shows what it lists."""

import re

import pytest

from tests.accounts.factories import UserFactory, user_with_role
from tests.loket.factories import DeskItemFactory, TeamFactory
from voorop.core import mail
from voorop.loket import services
from voorop.loket.models import DeskItem, ItemStatus

pytestmark = pytest.mark.django_db


def test_a_reply_is_shown_as_the_residents_own(client, mails):
    client.post(
        "/loket/",
        {"kind": "idee", "title": "Pluktuin", "description": "Hier.", "contact_email": "a@b.nl"},
    )
    token = re.search(r"/loket/volg/([\w-]+)/", mails[0].body).group(1)
    client.post(f"/loket/volg/{token}/", {"text": "Achter de school."})
    page = client.get(f"/loket/volg/{token}/").content.decode().lower()
    assert "reactie van de indiener" in page
    assert "bericht aan de indiener" not in page
    staff = client.__class__()
    staff.force_login(user_with_role("loketmedewerker"))
    item_page = staff.get(DeskItem.objects.get().get_absolute_url()).content.decode()
    titles = re.findall(r'<p class="timeline-title">([^<]*)</p>', item_page)
    assert "Reactie van de indiener" in titles and "Bericht aan de indiener" not in titles


def test_a_reply_on_a_team_item_notifies_every_member_by_ids(mails):
    first, second = UserFactory(email="een@gemeente.nl"), UserFactory(email="twee@gemeente.nl")
    team = TeamFactory()
    team.members.set([first, second])
    item = DeskItemFactory(team=team, status=ItemStatus.REFERRED)
    services.item_reply(item=item, text="Het is bij nummer 12.")
    assert sorted(m.to[0] for m in mails) == ["een@gemeente.nl", "twee@gemeente.nl"]
    assert all("Het is bij nummer 12." in m.body for m in mails)


def test_the_reply_mail_is_sent_by_kind_and_ids_only(monkeypatch):
    sent = []
    monkeypatch.setattr(mail, "send", lambda kind, **ids: sent.append((kind, ids)))
    member = UserFactory()
    team = TeamFactory()
    team.members.set([member])
    item = DeskItemFactory(team=team)
    services.item_reply(item=item, text="Geheim verhaal.")
    entry = item.timeline.get(kind="reply")
    assert sent == [("loket.reply_received", {"entry": entry.pk, "user": member.pk})]


def test_a_reply_notifies_the_contact_person_once_even_in_the_team(mails):
    contact = UserFactory(email="contact@gemeente.nl")
    team = TeamFactory()
    team.members.set([contact])
    item = DeskItemFactory(assignee=contact, team=team)
    services.item_reply(item=item, text="Nog een foto.")
    assert [m.to for m in mails] == [["contact@gemeente.nl"]]


def _selected(html: str) -> str:
    select = re.search(r'<select name="status".*?</select>', html, re.S).group(0)
    return re.search(r'<option value="([^"]*)"[^>]*selected', select).group(1)


def test_the_queue_filter_shows_what_is_listed(client):
    client.force_login(user_with_role("loketmedewerker"))
    DeskItemFactory(title="Nog open")
    DeskItemFactory(title="Al klaar", status=ItemStatus.CLOSED)

    default = client.get("/loket/werkvoorraad/").content.decode()
    assert _selected(default) == "open"
    assert "Nog open" in default and "Al klaar" not in default

    everything = client.get("/loket/werkvoorraad/?status=").content.decode()
    assert _selected(everything) == ""
    assert "Nog open" in everything and "Al klaar" in everything

    # Another filter without a status keeps showing (and saying) "open".
    other = client.get("/loket/werkvoorraad/?kind=idee").content.decode()
    assert _selected(other) == "open" and "Al klaar" not in other
