"""Council pages through the test client."""

import re

import icalendar
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.factories import UserFactory, user_with_role
from tests.challenge.factories import ChallengeFactory
from tests.council.factories import (
    AnchorPointFactory,
    DecisionFactory,
    DossierFactory,
    EventFactory,
)
from voorop.council import services
from voorop.council.models import EventSignUp, Reflection

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _plain_http(settings, tmp_path):
    settings.SECURE_SSL_REDIRECT = False
    settings.MEDIA_ROOT = tmp_path


def test_public_pages(client):
    point = AnchorPointFactory()
    decision = DecisionFactory(dossier=point.dossier)
    event = EventFactory()
    for url in (
        reverse("council:index"),
        reverse("council:dossier_list"),
        point.dossier.get_absolute_url(),
        reverse("council:decision_list"),
        decision.get_absolute_url(),
        reverse("council:reflections"),
        reverse("council:event_list"),
        event.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url


def test_unpublished_decisions_are_hidden_from_the_public(client):
    draft = DecisionFactory(draft=True, title="Geheim concept")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Geheim concept" not in client.get(reverse("council:decision_list")).text
    client.force_login(user_with_role("griffie"))
    assert client.get(draft.get_absolute_url()).status_code == 200
    client.post(reverse("council:decision_publish", args=[draft.pk]))
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_griffie_adds_a_pdf_and_anyone_downloads_it(client):
    decision = DecisionFactory()
    client.force_login(user_with_role("griffie"))
    url = reverse("council:document_add", args=[decision.pk])
    bad = SimpleUploadedFile("besluit.pdf", b"nope", content_type="application/pdf")
    response = client.post(url, {"title": "Raadsvoorstel", "file": bad})
    assert response.status_code == 200 and 'value="Raadsvoorstel"' in response.text
    good = SimpleUploadedFile("besluit.pdf", PDF, content_type="application/pdf")
    assert client.post(url, {"title": "Raadsvoorstel", "file": good}).status_code == 302
    document = decision.documents.get()
    client.logout()
    response = client.get(reverse("council:document", args=[decision.pk, document.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_reflection_form_asks_for_the_ladder_step_and_keeps_input(client):
    decision = DecisionFactory()
    client.force_login(user_with_role("raadslid"))
    url = reverse("council:reflection_edit", args=[decision.pk])
    response = client.post(
        url,
        {"society_involved": "yes", "left_to_society": "Het ontwerp", "how_residents_hear": ""},
    )
    assert response.status_code == 200
    assert "Kies de trede op de participatieladder." in response.text
    assert "Het ontwerp" in response.text
    data = {
        "society_involved": "yes",
        "ladder_step": "coproduceren",
        "left_to_society": "Het ontwerp",
        "how_residents_hear": "Inloopavond",
    }
    assert client.post(url, data).status_code == 302
    assert Reflection.objects.get().get_ladder_step_display() == "Coproduceren"
    assert "Coproduceren" in client.get(reverse("council:reflections")).text


def test_guest_sign_up_and_cancel_by_link(client, mails):
    event = EventFactory()
    url = reverse("council:sign_up", args=[event.pk])
    response = client.post(url, {"name": "Anna", "email": "geen-adres"})
    assert response.status_code == 200 and 'value="Anna"' in response.text
    assert "Vul een geldig e-mailadres in." in response.text
    assert client.post(url, {"name": "Anna", "email": "anna@example.org"}).status_code == 302
    token = re.search(r"/aanmelding/(\S+)/", mail.outbox[-1].body).group(1)
    confirm = reverse("council:guest_sign_up", args=[token])
    assert "Bevestig mijn aanmelding" in client.get(confirm).text
    client.post(confirm)
    sign_up = EventSignUp.objects.get()
    assert sign_up.status == "confirmed"
    cancel = reverse("council:cancel_guest", args=[token])
    assert client.get(cancel).status_code == 200
    client.post(cancel)
    sign_up.refresh_from_db()
    assert sign_up.status == "cancelled"
    assert client.get(cancel).status_code == 404  # a cancelled sign-up's link is gone
    assert "Deze link werkt niet meer" in client.get(confirm).text


def test_guests_no_longer_see_sign_up_without_an_account_after_signing_up(client, mails):
    """Issue 14.12: after signing up, a guest still saw "Aanmelden zonder account"."""
    event = EventFactory()
    assert "Aanmelden zonder account" in client.get(event.get_absolute_url()).text
    client.post(
        reverse("council:sign_up", args=[event.pk]), {"name": "Anna", "email": "anna@example.org"}
    )
    page = client.get(event.get_absolute_url()).text
    assert "Aanmelden zonder account" not in page
    assert "Klik op de link in de e-mail om uw aanmelding te bevestigen" in page
    token = re.search(r"/aanmelding/(\S+)/", mail.outbox[-1].body).group(1)
    client.post(reverse("council:guest_sign_up", args=[token]))
    page = client.get(event.get_absolute_url()).text
    assert "Aanmelden zonder account" not in page and "U bent aangemeld." in page


def test_anonymous_sign_ups_are_limited_per_client(client, mails):
    """Issue 12.6: any address could be signed up, 200 mails in 20 seconds."""
    event = EventFactory(capacity=None)
    url = reverse("council:sign_up", args=[event.pk])
    for n in range(services.GUEST_SIGN_UPS.limit):
        assert client.post(url, {"name": "Gast", "email": f"g{n}@example.org"}).status_code == 302
    response = client.post(url, {"name": "Anna Jansen", "email": "anna@example.org"})
    assert response.status_code == 200
    assert "Er kwamen te veel aanmeldingen van uw internetverbinding" in response.text
    assert 'value="Anna Jansen"' in response.text and 'value="anna@example.org"' in response.text
    assert EventSignUp.objects.count() == services.GUEST_SIGN_UPS.limit
    other = client.post(
        url, {"name": "Piet", "email": "piet@example.org"}, REMOTE_ADDR="192.0.2.99"
    )
    assert other.status_code == 302  # another client may


def test_account_sign_up_and_cancel(client):
    event = EventFactory(capacity=1)
    EventSignUp.objects.create(event=event, name="x", email="x@example.org", status="confirmed")
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("council:sign_up", args=[event.pk]))
    page = client.get(event.get_absolute_url()).text
    assert "U staat op de wachtlijst" in page
    client.post(reverse("council:cancel", args=[event.pk]))
    assert not EventSignUp.objects.filter(user=user).exclude(status="cancelled").exists()


def test_calendar_exports(client):
    event = EventFactory(title="Stamtafel zorg")
    EventFactory(past=True, title="Oud")
    response = client.get(reverse("council:event_ics", args=[event.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    entries = list(calendar.walk("VEVENT"))
    assert len(entries) == 1 and "Stamtafel zorg" in str(entries[0]["SUMMARY"])
    feed = icalendar.Calendar.from_ical(client.get(reverse("council:events_feed")).content)
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == ["Stamtafel: Stamtafel zorg"]


def test_anchor_points_panel_on_a_challenge_and_the_generic_forms(client):
    point = AnchorPointFactory(title="Het groen blijft openbaar")
    challenge = ChallengeFactory(dossier=point.dossier)
    page = client.get(challenge.get_absolute_url()).text
    assert "Het groen blijft openbaar" in page and "Nog niet beantwoord." in page
    assert challenge.title in client.get(point.dossier.get_absolute_url()).text
    respond = reverse("council:anchor_respond", args=["challenge", "challenge", challenge.pk])
    judge = reverse("council:anchor_judge", args=["challenge", "challenge", challenge.pk])
    client.force_login(challenge.submitter)
    assert respond in client.get(challenge.get_absolute_url()).text
    response = client.post(respond, {f"point_{point.pk}": ""})
    assert "Schrijf iets bij minstens één ankerpunt." in response.text
    client.post(respond, {f"point_{point.pk}": "Alle paden blijven open"})
    assert client.get(judge).status_code == 403
    client.force_login(user_with_role("procesbegeleider"))
    response = client.post(judge, {f"verdict_{point.pk}": "partly"})
    assert "Geef de onderbouwing van dit oordeel." in response.text
    client.post(judge, {f"verdict_{point.pk}": "partly", f"reasons_{point.pk}": "Bijna"})
    page = client.get(challenge.get_absolute_url()).text
    assert "Alle paden blijven open" in page and "Voldoet deels" in page
    assert (
        client.get(reverse("council:anchor_respond", args=["accounts", "user", 1])).status_code
        == 404
    )


def test_dossier_anchor_points_by_the_council(client):
    dossier = DossierFactory(status="preparing", max_anchor_points=1)
    client.force_login(user_with_role("raadslid"))
    add = reverse("council:anchor_point_add", args=[dossier.pk])
    assert "Vul dit veld in." in client.post(add, {"title": ""}).text
    client.post(add, {"title": "Niet duurder"})
    response = client.post(add, {"title": "Nog een"})
    assert "het maximum" in response.text
    client.post(reverse("council:dossier_open", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.status == "open"


def test_griffie_creates_an_event_and_bad_input_is_explained(client):
    client.force_login(user_with_role("griffie"))
    url = reverse("council:event_create")
    data = {
        "kind": "inloopavond",
        "title": "Inloopavond Meerdijk",
        "description": "Loop binnen.",
        "place": "De Linde",
        "starts_at": "2027-03-01T19:30",
        "ends_at": "2027-03-01T19:00",
        "capacity": "0",
    }
    response = client.post(url, data)
    assert "Het einde moet na het begin liggen." in response.text
    assert "Vul 1 plaats of meer in, of laat het leeg." in response.text
    assert 'value="Inloopavond Meerdijk"' in response.text
    data.update(ends_at="2027-03-01T21:30", capacity="")
    response = client.post(url, data)
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize(
    ("factory", "create", "edit", "editor", "changes", "heading"),
    [
        (
            DossierFactory,
            "council:dossier_create",
            "council:dossier_edit",
            "raadslid",
            {
                "title": "Groen",
                "description": "Samen",
                "status": "preparing",
                "max_anchor_points": 3,
            },
            "Nieuw dossier",
        ),
        (
            DecisionFactory,
            "council:decision_create",
            "council:decision_edit",
            "griffie",
            {"title": "Besluit", "decided_on": "2026-03-01", "summary": "Kort"},
            "Nieuw raadsbesluit",
        ),
        (
            EventFactory,
            "council:event_create",
            "council:event_edit",
            "griffie",
            {
                "kind": "inloopavond",
                "title": "Inloop",
                "description": "Loop binnen.",
                "place": "De Linde",
                "starts_at": "2027-03-01T19:30",
                "ends_at": "2027-03-01T21:30",
            },
            "Nieuwe bijeenkomst",
        ),
    ],
)
def test_create_and_change_pages_share_one_view(
    client, factory, create, edit, editor, changes, heading
):
    obj = factory()
    assert client.get(reverse(create)).status_code == 302  # visitors are asked to log in
    client.force_login(user_with_role("inwoner"))
    assert client.get(reverse(edit, args=[obj.pk])).status_code == 403
    client.force_login(user_with_role(editor))
    assert heading in client.get(reverse(create)).text
    page = client.get(reverse(edit, args=[obj.pk])).text
    assert obj.get_absolute_url() in page and str(obj) in page
    response = client.post(reverse(edit, args=[obj.pk]), changes)
    assert response.status_code == 302 and response.url == obj.get_absolute_url()
    obj.refresh_from_db()
    assert obj.title == changes["title"]
    response = client.post(reverse(create), {**changes, "title": "Nieuw"})
    assert response.status_code == 302
    assert type(obj).objects.filter(title="Nieuw").exists()
    assert client.get(reverse(edit, args=[obj.pk + 999])).status_code == 404


TOO_LONG = "Deze tekst is te lang: hoogstens"


def test_a_topic_has_a_maximum_length_and_the_text_is_kept(client):
    """Issue 12.11: a 9 MB topic made the event page 9.5 MB for every visitor."""
    event = EventFactory()
    client.force_login(UserFactory())
    text = "Respijtzorg" * 300  # 3,300 characters
    response = client.post(
        reverse("council:topic", args=[event.pk]), {"title": "Zorg", "text": text}
    )
    assert response.status_code == 200
    assert "hoogstens 3000 tekens, en het zijn er nu 3300" in response.text
    assert text in response.text and not event.topics.exists()


def test_the_guest_sign_up_form_limits_name_and_address(client):
    event = EventFactory()
    name, email = "H" * 151, "h" * 250 + "@example.org"
    response = client.post(
        reverse("council:sign_up", args=[event.pk]), {"name": name, "email": email}
    )
    assert response.status_code == 200
    assert "hoogstens 150 tekens" in response.text and "hoogstens 254 tekens" in response.text
    assert name in response.text and email in response.text
    assert not EventSignUp.objects.exists()


def test_answers_to_anchor_points_have_a_maximum_length(client):
    point = AnchorPointFactory()
    challenge = ChallengeFactory(dossier=point.dossier)
    client.force_login(challenge.submitter)
    answer = "a" * 3001
    response = client.post(
        reverse("council:anchor_respond", args=["challenge", "challenge", challenge.pk]),
        {f"point_{point.pk}": answer},
    )
    assert response.status_code == 200 and TOO_LONG in response.text and answer in response.text
    assert not point.responses.exists()
