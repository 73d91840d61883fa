"""The community instruments in a real browser: following an area council and putting an
item on its agenda, signing an agreement and reporting progress, posting a request and
answering it privately (and the poster answering back), reporting a post that a moderator
then hides; and axe-core on every community page (with forms in their error state)."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import click_to_load, log_in, log_out
from tests.community.factories import (
    AgreementFactory,
    CommitmentFactory,
    CouncilFactory,
    MeetingFactory,
    MemberFactory,
    NetworkFactory,
    PostFactory,
    VersionFactory,
)
from voorop.community.models import AgendaItem, Party, Post, PostReply, PostStatus

pytestmark = pytest.mark.django_db(transaction=True)


def _axe(page, label: str) -> None:
    violations = axe_violations(page)
    assert not violations, describe(label, violations)


def test_follow_a_council_and_put_an_item_on_its_agenda(page):
    member = MemberFactory(council__name="Dorpsraad Heikant")
    council = member.council
    resident = UserFactory(display_name="Fatima el Amrani")

    log_in(page, resident.email, TEST_PASSWORD)
    page.goto(council.get_absolute_url())
    page.get_by_role("button", name="Volgen").click()
    expect(page.get_by_role("button", name="Niet meer volgen")).to_be_visible()
    page.get_by_role("link", name="Zet een punt op de agenda").first.click()
    page.get_by_label("Waar wilt u dat de raad over praat, en waarom?").fill("De speeltuin.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    _axe(page, "agenda item with errors")
    assert page.get_by_label("Waar wilt u dat de raad over praat, en waarom?").input_value() == (
        "De speeltuin."
    )
    page.get_by_label("Onderwerp").fill("Speeltuin achter de school")
    click_to_load(page.get_by_role("button", name="Versturen"))
    assert AgendaItem.objects.get().proposer == resident
    log_out(page)

    log_in(page, member.user.email, TEST_PASSWORD)
    page.goto(council.get_absolute_url())
    page.get_by_role("link", name="Speeltuin achter de school").click()
    page.get_by_role("radio", name="Nee, niet opgenomen").check()
    page.get_by_label("Antwoord aan de inwoner").fill(
        "Dit ligt bij de gemeente; wij geven het door."
    )
    mail.outbox.clear()
    click_to_load(page.get_by_role("button", name="Antwoord versturen"))
    expect(page.get_by_text("Dit ligt bij de gemeente; wij geven het door.")).to_be_visible()
    assert [m.to for m in mail.outbox] == [[resident.email]]


def test_sign_an_agreement_and_report_progress(page):
    agreement = AgreementFactory(title="Groene kernen")
    resident = UserFactory(display_name="Jan Smits")
    log_in(page, resident.email, TEST_PASSWORD)
    page.goto(agreement.get_absolute_url())
    page.get_by_role("link", name="Teken dit akkoord").click()
    page.get_by_role("radio", name="Organisatie").check()
    page.get_by_label("Wat belooft u te doen?").fill("Wij planten tien bomen.")
    page.get_by_role("button", name="Tekenen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    _axe(page, "sign with errors")
    page.get_by_label("Naam van de organisatie of het bedrijf").fill("IVN Lindewaard")
    click_to_load(page.get_by_role("button", name="Tekenen"))
    assert Party.objects.get().label == "IVN Lindewaard"
    page.get_by_role("link", name="Voortgang melden").click()
    page.get_by_label("Status").select_option(label="Klaar")
    page.get_by_label("Wat is er gebeurd?").fill("Alle tien bomen staan.")
    click_to_load(page.get_by_role("button", name="Publiceren"))
    expect(page.get_by_text("Alle tien bomen staan.")).to_be_visible()
    page.goto("/samen/akkoorden/register/")
    expect(page.get_by_role("cell", name="IVN Lindewaard (Organisatie)")).to_be_visible()


def test_post_a_request_and_answer_it_privately(page):
    network = NetworkFactory(area__name="Heikant", area__slug="heikant")
    poster = UserFactory(display_name="Gerda Aarts")
    helper = UserFactory(display_name="Tom Verbeek")

    log_in(page, poster.email, TEST_PASSWORD)
    page.goto(network.get_absolute_url())
    page.get_by_role("link", name="Plaats een bericht").click()
    page.get_by_label("Titel").fill("Wie helpt met de heg?")
    page.get_by_role("button", name="Plaatsen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    _axe(page, "post with errors")
    page.get_by_label("Omschrijving").fill("Een middag snoeien, koffie staat klaar.")
    page.get_by_label("Wat voor bericht?").select_option(label="Ik zoek")
    page.get_by_label("Over", exact=True).select_option(label="Hulp")
    click_to_load(page.get_by_role("button", name="Plaatsen"))
    post = Post.objects.get()
    log_out(page)

    log_in(page, helper.email, TEST_PASSWORD)
    page.goto(network.get_absolute_url())
    page.get_by_role("link", name="Wie helpt met de heg?").click()
    page.get_by_label("Uw bericht aan de plaatser").fill(
        "Ik kom zaterdag, mijn nummer is 06-11112222."
    )
    mail.outbox.clear()
    click_to_load(page.get_by_role("button", name="Versturen"))
    assert PostReply.objects.get().author == helper
    assert [m.to for m in mail.outbox] == [[poster.email]]
    assert "06-11112222" not in mail.outbox[0].body
    log_out(page)

    page.goto(post.get_absolute_url())
    expect(page.get_by_text("06-11112222")).to_have_count(0)
    log_in(page, poster.email, TEST_PASSWORD)
    page.goto(post.get_absolute_url())
    expect(page.get_by_text("Ik kom zaterdag, mijn nummer is 06-11112222.")).to_be_visible()
    expect(page.get_by_role("heading", name="Gesprek met Tom Verbeek")).to_be_visible()
    _axe(page, "post with a thread, as the poster")
    page.get_by_label("Uw antwoord").fill("Graag, tot zaterdag!")
    mail.outbox.clear()
    click_to_load(page.get_by_role("button", name="Antwoord versturen"))
    assert PostReply.objects.latest("pk").to == helper
    assert [m.to for m in mail.outbox] == [[helper.email]]
    assert "tot zaterdag" not in mail.outbox[0].body
    log_out(page)

    log_in(page, helper.email, TEST_PASSWORD)
    page.goto(post.get_absolute_url())
    expect(page.get_by_text("Graag, tot zaterdag!")).to_be_visible()
    log_out(page)

    log_in(page, poster.email, TEST_PASSWORD)
    page.goto(post.get_absolute_url())
    click_to_load(page.get_by_role("button", name="Markeer als klaar"))
    post.refresh_from_db()
    assert post.status == PostStatus.DONE


def test_report_a_post_that_a_moderator_hides(page):
    post = PostFactory(title="Snel geld verdienen!!!")
    reporter = UserFactory()
    moderator = UserFactory(roles=["procesbegeleider"])

    log_in(page, reporter.email, TEST_PASSWORD)
    page.goto(post.get_absolute_url())
    page.get_by_role("link", name="Meld dit bericht").click()
    page.get_by_label("Wat is er mis met dit bericht?").fill("Oplichting.")
    click_to_load(page.get_by_role("button", name="Melden"))
    log_out(page)

    log_in(page, moderator.email, TEST_PASSWORD)
    page.goto("/samen/buurt/moderatie/")
    _axe(page, "moderation queue")
    page.get_by_role("link", name="Snel geld verdienen!!!").click()
    page.get_by_role("radio", name="Verborgen").check()
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    _axe(page, "moderation with errors")
    page.get_by_label("Reden (verplicht bij verbergen)").fill("Oplichting")
    click_to_load(page.get_by_role("button", name="Besluit opslaan"))
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    page.goto("/samen/buurt/moderatie/logboek/")
    expect(page.get_by_role("cell", name="Oplichting")).to_be_visible()
    log_out(page)
    response = page.goto(post.get_absolute_url())
    assert response.status == 404


def test_every_community_page_has_no_axe_violations(page):
    member = MemberFactory()
    council = member.council
    meeting = MeetingFactory(council=council, approved=True)
    version = VersionFactory()
    VersionFactory(manifest=version.manifest, number=2, text=version.text + "\n\nWij leren.")
    commitment = CommitmentFactory()
    post = PostFactory()
    slug = post.network.area.slug
    public = [
        "/samen/",
        "/samen/raden/",
        council.get_absolute_url(),
        meeting.get_absolute_url(),
        version.manifest.get_absolute_url(),
        f"/samen/manifest/{version.manifest.slug}/versies/2/vergelijken/",
        "/samen/akkoorden/",
        "/samen/akkoorden/register/",
        commitment.agreement.get_absolute_url(),
        "/samen/buurt/",
        post.network.get_absolute_url(),
        post.get_absolute_url(),
    ]
    for url in public:
        page.goto(url)
        _axe(page, url)
    staff = UserFactory(roles=["procesbegeleider", "griffie"])
    log_in(page, staff.email, TEST_PASSWORD)
    CouncilFactory()
    for url in [
        *public,
        f"/samen/raden/{council.slug}/leden/nieuw/",
        f"/samen/raden/{council.slug}/vergaderingen/nieuw/",
        f"/samen/manifest/{version.manifest.slug}/nieuwe-versie/",
        "/samen/akkoorden/nieuw/",
        "/samen/buurt/moderatie/",
        "/samen/buurt/moderatie/logboek/",
        f"/samen/buurt/{slug}/instellingen/",
        f"/samen/buurt/{slug}/veiligheidskoffer/nieuw/",
    ]:
        page.goto(url)
        _axe(page, url)
    page.goto(f"/samen/raden/{council.slug}/vergaderingen/nieuw/")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    _axe(page, "meeting with errors")
