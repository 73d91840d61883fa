"""The desk in a real browser: an anonymous safety signal, triage and referral by staff,
closing with feedback that the submitter reads on the tracking page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, user_with_role
from tests.browser.conftest import click_to_load, log_in
from tests.core.areas.factories import AreaFactory, ThemeFactory
from tests.loket.factories import RoutingRuleFactory
from voorop.loket.models import DeskItem

pytestmark = pytest.mark.django_db(transaction=True)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_anonymous_signal_to_tracking_page(page, tmp_path):
    AreaFactory(name="Heikant")
    photo = tmp_path / "tegel.png"
    photo.write_bytes(PNG)
    page.goto("/")
    page.get_by_role("link", name="Samenlevingsloket").first.click()
    page.get_by_role("radio", name="signaal").check()
    page.get_by_label(re.compile("Het gaat over veiligheid")).check()
    page.get_by_label("Onderwerp").fill("Losse stoeptegel")
    page.get_by_label("Vertel er meer over").fill("Bij de school, al twee weken.")
    page.get_by_label("Dorp of wijk").select_option(label="Heikant")
    page.get_by_label("Foto's of documenten").set_input_files(str(photo))
    page.get_by_label("Ik wil dit signaal anoniem doorgeven").check()
    click_to_load(page.get_by_role("button", name="Versturen"))

    expect(page).to_have_url(re.compile("/loket/volg/"))
    item = DeskItem.objects.get()
    assert item.anonymous and item.is_safety and item.attachments.count() == 1
    expect(page.get_by_text(item.reference).first).to_be_visible()
    expect(page.get_by_text("alleen met deze link kunt u het volgen")).to_be_visible()
    page.reload()  # the page is the submitter's bookmark
    expect(page.get_by_role("heading", name="Losse stoeptegel")).to_be_visible()


def test_validation_error_keeps_text_and_explains(page):
    page.goto("/loket/")
    page.get_by_role("radio", name="idee").check()
    page.get_by_label("Onderwerp").fill("Pluktuin")
    page.get_by_label("Vertel er meer over").fill("Een lang verhaal over een pluktuin.")
    page.get_by_role("button", name="Versturen").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert "e-mailadres" in summary.inner_text()
    assert page.get_by_label("Vertel er meer over").input_value() == (
        "Een lang verhaal over een pluktuin."
    )


def test_staff_triage_referral_and_closing_with_feedback(page, mails):
    groen = ThemeFactory(name="groen")
    contact = user_with_role("procesbegeleider")
    contact.display_name = "Jeroen Groen"
    contact.save()
    RoutingRuleFactory(theme=groen, contact=contact)
    desk = user_with_role("loketmedewerker")

    page.goto("/loket/")
    page.get_by_role("radio", name="idee").check()
    page.get_by_label("Onderwerp").fill("Bomen planten langs de Dorpsstraat")
    page.get_by_label("Vertel er meer over").fill("Wij willen met de buurt tien bomen planten.")
    page.get_by_label("Thema").select_option(label="groen")
    page.get_by_label("Uw e-mailadres").fill("buurt@example.org")
    click_to_load(page.get_by_role("button", name="Versturen"))
    tracking = page.url.split("?")[0]

    log_in(page, desk.email, TEST_PASSWORD)
    page.goto("/loket/werkvoorraad/")
    expect(page.get_by_text("voorstel: Jeroen Groen")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"\d{4}-\d{6}")).first.click()
    # The suggestion is filled in: referring is one action.
    page.get_by_label("Notitie voor de contactpersoon").fill("Past bij het bomenplan.")
    click_to_load(page.get_by_role("button", name="Doorverwijzen", exact=True))
    item = DeskItem.objects.get()
    assert item.assignee == contact
    assert any(m.to == [contact.email] for m in mails)

    page.get_by_role("button", name="Afsluiten met terugkoppeling").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()  # feedback is required
    page.get_by_label("Wat is er met de inbreng gedaan?").fill(
        "De bomen komen in het plantseizoen van maart."
    )
    click_to_load(page.get_by_role("button", name="Afsluiten met terugkoppeling"))
    item.refresh_from_db()
    assert item.status == "afgerond"

    page.goto(tracking)
    expect(page.get_by_text("De bomen komen in het plantseizoen van maart.")).to_be_visible()
    assert not page.get_by_text("Past bij het bomenplan.").count()  # internal note stays inside
