import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.accounts.factories import UserFactory, user_with_role
from tests.core.areas.factories import AreaFactory, ThemeFactory
from tests.loket.factories import DeskItemFactory
from voorop.core.models import PendingUpload
from voorop.loket.models import DeskItem, ItemStatus

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def _form(**overrides):
    data = {
        "kind": "idee",
        "title": "Pluktuin",
        "description": "Op het veldje.",
        "contact_email": "ik@example.org",
    }
    data.update(overrides)
    return data


def test_visitor_submits_and_lands_on_the_tracking_page(client, mails):
    response = client.post("/loket/", _form())
    assert response.status_code == 302
    assert re.fullmatch(r"/loket/volg/[\w-]+/\?nieuw=1", response["Location"])
    page = client.get(response["Location"]).content.decode()
    item = DeskItem.objects.get()
    assert item.reference in page and "Bedankt. Wij hebben het ontvangen." in page
    assert mails[0].to == ["ik@example.org"]


def test_errors_keep_everything_typed(client):
    response = client.post(
        "/loket/", _form(contact_email="", title="Mijn titel", description="Mijn verhaal")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in html
    assert 'value="Mijn titel"' in html and "Mijn verhaal" in html
    assert DeskItem.objects.count() == 0


def test_a_refused_file_keeps_the_text_and_the_accepted_file(client):
    bad = SimpleUploadedFile("virus.jpg", b"MZ not an image", content_type="image/jpeg")
    good = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    response = client.post("/loket/", {**_form(title="Blijft staan"), "attachments": [good, bad]})
    html = response.content.decode()
    assert "virus.jpg is geen" in html
    assert 'value="Blijft staan"' in html
    kept = PendingUpload.objects.get()
    assert kept.original_name == "foto.png" and f'value="{kept.token}"' in html

    # Sent again without choosing the file again: the kept file is attached.
    response = client.post("/loket/", {**_form(title="Blijft staan"), "kept": [kept.token]})
    assert response.status_code == 302
    attachment = DeskItem.objects.get().attachments.get()
    assert attachment.original_name == "foto.png" and attachment.content_type == "image/png"
    assert not PendingUpload.objects.exists()


def test_someone_elses_kept_file_is_ignored(client):
    other = client.__class__()
    bad = SimpleUploadedFile("x.jpg", b"nope", content_type="image/jpeg")
    good = SimpleUploadedFile("geheim.png", PNG, content_type="image/png")
    other.post("/loket/", {**_form(), "attachments": [good, bad]})
    token = PendingUpload.objects.get().token
    client.post("/loket/", {**_form(), "kept": [token]})
    assert not DeskItem.objects.get().attachments.exists()


def test_signed_in_resident_needs_no_email_and_sees_own_items(client):
    user = UserFactory()
    client.force_login(user)
    assert client.post("/loket/", _form(contact_email="")).status_code == 302
    assert "Pluktuin" in client.get("/loket/mijn-meldingen/").content.decode()


def test_anonymous_safety_signal(client):
    response = client.post(
        "/loket/", _form(kind="signaal", is_safety="on", anonymous="on", contact_email="")
    )
    assert response.status_code == 302
    item = DeskItem.objects.get()
    assert item.anonymous and item.is_safety and not item.contact_email


def test_unknown_tracking_link_gives_404(client):
    assert client.get("/loket/volg/niet-bestaand/").status_code == 404


def test_submitter_replies_on_tracking_page(client, mails):
    client.post("/loket/", _form())
    token = re.search(r"/loket/volg/([\w-]+)/", mails[0].body).group(1)
    item = DeskItem.objects.get()
    item.status = ItemStatus.WAITING
    item.save()
    response = client.post(f"/loket/volg/{token}/", {"text": "Achter de school."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    assert "Achter de school." in client.get(f"/loket/volg/{token}/").content.decode()


def test_internal_notes_never_show_on_the_tracking_page(client, mails):
    client.post("/loket/", _form())
    token = re.search(r"/loket/volg/([\w-]+)/", mails[0].body).group(1)
    desk = user_with_role("loketmedewerker")
    staff = client.__class__()
    staff.force_login(desk)
    item = DeskItem.objects.get()
    staff.post(f"/loket/melding/{item.reference}/notitie/", {"note-text": "Lastige buurman"})
    assert item.timeline.filter(kind="note").exists()
    assert "Lastige buurman" not in client.get(f"/loket/volg/{token}/").content.decode()


def test_queue_is_for_staff_only(client):
    client.force_login(UserFactory())
    assert client.get("/loket/werkvoorraad/").status_code == 403
    client.force_login(user_with_role("raadslid"))
    assert client.get("/loket/werkvoorraad/").status_code == 403


def test_queue_filters_and_bounded_queries(client, django_assert_max_num_queries):
    client.force_login(user_with_role("loketmedewerker"))
    area, theme = AreaFactory(), ThemeFactory()
    for _ in range(30):
        DeskItemFactory(area=area, theme=theme, assignee=UserFactory())
    for _ in range(10):
        DeskItemFactory(overdue=True)
    with django_assert_max_num_queries(15):
        response = client.get("/loket/werkvoorraad/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("te laat</span>") == 10
    filtered = client.get(f"/loket/werkvoorraad/?theme={theme.pk}&status=open")
    assert filtered.content.decode().count("/loket/melding/") == 30


def test_refer_with_errors_shows_form_again(client):
    client.force_login(user_with_role("loketmedewerker"))
    item = DeskItemFactory()
    response = client.post(
        f"/loket/melding/{item.reference}/doorverwijzen/", {"refer-note": "voor jou"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een contactpersoon of een team." in html and "voor jou" in html


def test_close_without_message_is_refused_and_with_message_closes(client, mails):
    client.force_login(user_with_role("loketmedewerker"))
    item = DeskItemFactory()
    response = client.post(f"/loket/melding/{item.reference}/afsluiten/", {"close-message": ""})
    assert response.status_code == 400
    assert "Schrijf de indiener wat er met de inbreng is gedaan." in response.content.decode()
    response = client.post(
        f"/loket/melding/{item.reference}/afsluiten/", {"close-message": "Het bankje is er."}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED


def test_staff_registers_a_kitchen_table_talk(client):
    client.force_login(user_with_role("loketmedewerker"))
    response = client.post(
        "/loket/registreren/",
        {
            **_form(contact_email=""),
            "channel": "keukentafel",
            "contact_phone": "0612345678",
            "language": "nl",
        },
    )
    # Not a redirect any more (issue 14.1): the page shows the tracking link to read out.
    assert response.status_code == 200
    item = DeskItem.objects.get()
    assert item.channel == "keukentafel" and item.get_absolute_url() in response.content.decode()
    assert item.inform_by == "telefoon"


def test_attachment_is_only_for_staff(client):
    item = DeskItemFactory()
    attachment = item.attachments.create(
        original_name="a.png",
        content_type="image/png",
        size=3,
        file=SimpleUploadedFile("a.png", PNG),
    )
    url = f"/loket/melding/{item.reference}/bijlage/{attachment.pk}/"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(user_with_role("loketmedewerker"))
    assert client.get(url).status_code == 200
