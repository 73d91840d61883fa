"""A challenge from submission to the college's decision, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import click_to_load, log_in, log_out
from tests.challenge.factories import TaskFactory
from voorop.challenge.models import Challenge, Stage

pytestmark = pytest.mark.django_db(transaction=True)


def test_challenge_from_submission_to_decision(page):
    TaskFactory(title="Groenonderhoud Heikant")
    resident = UserFactory(display_name="Kees Verhoeven")
    handler = UserFactory(roles=["procesbegeleider"])
    college = UserFactory(roles=["college"])

    log_in(page, resident.email, TEST_PASSWORD)
    page.goto("/uitdaagrecht/")
    page.get_by_role("link", name="Groenonderhoud Heikant").click()
    page.get_by_role("link", name="Daag deze taak uit").click()
    page.get_by_label("Titel van uw plan").fill("Piloot groenonderhoud")
    page.get_by_role("button", name="Uitdaging indienen").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert page.title().startswith("Fout:")
    violations = axe_violations(page)
    assert not violations, describe("submission errors", violations)
    assert page.get_by_label("Titel van uw plan").input_value() == "Piloot groenonderhoud"
    page.get_by_label("Naam van uw groep", exact=True).fill("Dorpsraad Heikant")
    page.get_by_label("Uw plan", exact=True).fill("Wij maaien zelf, elke zaterdag.")
    page.get_by_label("Budget dat u vraagt per jaar (euro)", exact=True).fill("34500,00")
    page.get_by_label("Hoe u op dit bedrag komt", exact=True).fill("Huur van een maaimachine.")
    page.get_by_label("Kwaliteit", exact=True).fill("Beeldkwaliteit B.")
    page.get_by_label("Continuïteit", exact=True).fill("Achttien vrijwilligers.")
    page.get_by_label("Steun", exact=True).fill("Dorpsavond: 64 van de 70 voor.")
    page.get_by_label("Risico’s", exact=True).fill("Vakantie: de hovenier springt bij.")
    click_to_load(page.get_by_role("button", name="Uitdaging indienen"))
    expect(page.get_by_role("heading", name="Piloot groenonderhoud")).to_be_visible()
    expect(page.get_by_text("Uitdaging ingediend")).to_be_visible()
    log_out(page)

    log_in(page, handler.email, TEST_PASSWORD)
    page.goto("/uitdaagrecht/werkvoorraad/")
    page.get_by_role("link", name="Piloot groenonderhoud").click()
    page.get_by_role("link", name="Ontvangst bevestigen").click()
    page.get_by_role("button", name="Ontvangst bevestigen").click()
    page.get_by_role("link", name="Verkennend gesprek vastleggen").click()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    page.get_by_label("Datum van het gesprek").fill("2026-01-05")
    page.get_by_label("Wat is afgesproken").fill("We bespraken de maaikalender.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name="Toetsen aan de criteria").click()
    click_to_load(page.get_by_role("button", name="Naar het college sturen"))
    violations = axe_violations(page)
    assert not violations, describe("assessment errors", violations)
    for criterion in ("Steun", "Kwaliteit", "Kosten", "Continuïteit", "Risico"):
        page.get_by_label(f"{criterion}: score").select_option("4")
        page.get_by_label(f"{criterion}: onderbouwing").fill("Goed onderbouwd.")
    click_to_load(page.get_by_role("button", name="Naar het college sturen"))
    expect(page.get_by_text("Toetsing aan de criteria gedaan")).to_be_visible()
    log_out(page)

    log_in(page, college.email, TEST_PASSWORD)
    page.goto(Challenge.objects.get().get_absolute_url())
    page.get_by_role("link", name="Besluiten").click()
    page.get_by_label("Toegekend met voorwaarden").check()
    page.get_by_label("Onderbouwing").fill("Een sterk plan met veel steun.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Schrijf de voorwaarden op.").first).to_be_visible()
    assert page.get_by_label("Onderbouwing").input_value() == "Een sterk plan met veel steun."
    page.get_by_role("textbox", name="Voorwaarden").fill("Evaluatie na een jaar.")
    click_to_load(page.get_by_role("button", name="Besluit vastleggen"))
    expect(page.get_by_role("heading", name="Besluit van het college")).to_be_visible()
    challenge = Challenge.objects.get()
    assert challenge.stage == Stage.AGREEMENT
    assert challenge.cost == 34500
    assert challenge.timeline.count() == 5
