"""A councillor raises a Ho-stop card on a running initiative; it resumes after everyone
involved has agreed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory, user_with_role
from tests.browser.conftest import click_to_load, log_in
from voorop.initiatives.models import Status
from voorop.initiatives.services import initiative_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_ho_stop_raised_and_resumed_after_consent(page, browser, live_server):
    owner = UserFactory(display_name="Karin Kern")
    councillor = user_with_role("raadslid")
    initiative = initiative_create(
        actor=owner,
        title="Speeltuin Heikant",
        description="Nieuwe speeltoestellen.",
        owners=[owner],
    )
    initiative.status = Status.RUNNING
    initiative.save(update_fields=["status"])

    log_in(page, councillor.email, TEST_PASSWORD)
    page.goto(initiative.get_absolute_url())
    page.get_by_role("link", name="Ho-stopkaart inzetten").click()
    page.get_by_role("button", name="Proces stilzetten").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()  # a reason is required
    page.get_by_label("Waarom moet het proces even stoppen?").fill(
        "Omwonenden zijn niet gehoord over de plek."
    )
    click_to_load(page.get_by_role("button", name="Proces stilzetten"))
    card_url = page.url
    initiative.refresh_from_db()
    assert initiative.status == Status.PAUSED
    expect(page.get_by_text("0 van 2 personen stemmen in met verdergaan.")).to_be_visible()

    owner_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    owner_page = owner_context.new_page()
    log_in(owner_page, owner.email, TEST_PASSWORD)
    owner_page.goto(card_url)
    owner_page.get_by_label("Voorgestelde aanpassing").fill("Eerst een buurtavond op de plek.")
    click_to_load(owner_page.get_by_role("button", name="Voorstellen"))
    # In the list of adjustments and on the card's timeline.
    expect(owner_page.get_by_text("Eerst een buurtavond op de plek.").first).to_be_visible()
    owner_context.close()

    page.goto(card_url)
    click_to_load(page.get_by_role("button", name="Ik stem in: ga verder"))
    expect(page.get_by_text("Iedereen stemt in: het proces gaat verder.")).to_be_visible()
    initiative.refresh_from_db()
    assert initiative.status == Status.RUNNING
    page.goto(initiative.get_absolute_url())
    # On the timeline.
    expect(page.get_by_text("Omwonenden zijn niet gehoord").first).to_be_visible()
