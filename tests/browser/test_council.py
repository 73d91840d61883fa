"""A council decision with the mirroring councillor's reflection, and an event with sign-up,
topic, harvest and follow-up, in a real browser."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import click_to_load, log_in, log_out
from tests.council.factories import EventFactory
from voorop.council.models import CouncilDecision, EventSignUp

pytestmark = pytest.mark.django_db(transaction=True)


def test_decision_with_reflection(page):
    griffie = UserFactory(roles=["griffie"])
    councillor = UserFactory(roles=["raadslid"], display_name="Anouk Smits")

    log_in(page, griffie.email, TEST_PASSWORD)
    page.goto("/raad/besluiten/")
    page.get_by_role("link", name="Nieuw raadsbesluit").click()
    page.get_by_label("Titel").fill("Groenbeleidsplan 2027")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert page.get_by_label("Titel").input_value() == "Groenbeleidsplan 2027"
    page.get_by_label("Datum van het besluit").fill("2026-11-05")
    page.get_by_label("Samenvatting").fill("Groepen mogen het groen in hun kern onderhouden.")
    page.get_by_role("button", name="Opslaan").click()
    click_to_load(page.get_by_role("button", name="Besluit publiceren"))
    assert CouncilDecision.objects.get().is_published
    log_out(page)

    log_in(page, councillor.email, TEST_PASSWORD)
    page.goto(CouncilDecision.objects.get().get_absolute_url())
    page.get_by_role("link", name="Spiegeling schrijven").click()
    page.get_by_label("Ja").check()
    page.get_by_label("Wat laat het besluit over aan de samenleving?").fill("Het onderhoud.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Kies de trede op de participatieladder.").first).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe("reflection errors", violations)
    page.get_by_label("Coproduceren").check()
    page.get_by_label("Hoe horen inwoners ervan?").fill("Via de dorpsraden.")
    click_to_load(page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_text("Anouk Smits")).to_be_visible()
    log_out(page)

    page.goto("/raad/spiegelingen/")
    table = page.get_by_role("table").first
    expect(table.get_by_role("row", name="Coproduceren 1")).to_be_visible()
    expect(page.get_by_role("img", name="Per trede van de participatieladder")).to_be_visible()


def test_event_with_sign_up_topic_harvest_and_follow_up(page):
    event = EventFactory(title="Stamtafel zorg", capacity=1)
    resident = UserFactory(display_name="Fatima el Amrani")
    griffie = UserFactory(roles=["griffie"], display_name="Ruud van Dam")

    page.goto("/raad/bijeenkomsten/")
    page.get_by_role("link", name="Stamtafel zorg").click()
    page.get_by_role("link", name="Aanmelden zonder account").click()
    page.get_by_label("Uw naam").fill("Henk de Groot")
    page.get_by_label("Uw e-mailadres").fill("henk@example.org")
    page.get_by_role("button", name="Aanmelden").click()
    # No place until Henk confirms by the link in his e-mail (issue 12.6).
    expect(page.get_by_text("Bijna klaar").first).to_be_visible()
    expect(page.get_by_role("link", name="Aanmelden zonder account")).to_have_count(0)
    token = re.search(r"/aanmelding/(\S+)/", mail.outbox[-1].body).group(1)
    page.goto(f"/raad/bijeenkomsten/aanmelding/{token}/")
    page.get_by_role("button", name="Bevestig mijn aanmelding").click()
    expect(page.get_by_text("U bent aangemeld.").first).to_be_visible()

    log_in(page, resident.email, TEST_PASSWORD)
    page.goto(event.get_absolute_url())
    page.get_by_role("button", name="Zet mij op de wachtlijst").click()
    expect(page.get_by_text("U staat op de wachtlijst").first).to_be_visible()
    page.get_by_role("link", name="Onderwerp inbrengen").click()
    page.get_by_label("Uw onderwerp").fill("Respijtzorg in het weekend")
    page.get_by_role("button", name="Onderwerp toevoegen").click()
    expect(page.get_by_text("Respijtzorg in het weekend")).to_be_visible()
    log_out(page)

    # Henk cancels by the link in his e-mail; Fatima moves up and hears about it.
    page.goto(f"/raad/bijeenkomsten/afmelden/{token}/")
    page.get_by_role("button", name="Ja, annuleren").click()
    expect(page.get_by_text("U heeft uw aanmelding geannuleerd.")).to_be_visible()
    assert EventSignUp.objects.get(user=resident).status == "confirmed"
    assert any("plaats vrijgekomen" in m.subject for m in mail.outbox)

    # The event took place.
    event.starts_at = timezone.now() - timedelta(days=1)
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    log_in(page, griffie.email, TEST_PASSWORD)
    page.goto(event.get_absolute_url())
    page.get_by_role("link", name="Oogst vastleggen").click()
    page.get_by_label("Oogst").fill("Mantelzorgers willen opvang in het weekend.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role(
        "link", name="Vervolgactie toevoegen voor “Respijtzorg in het weekend”"
    ).click()
    page.get_by_label("Actie", exact=True).fill("Weekendopvang uitzoeken")
    page.get_by_label("Eigenaar").select_option(label="Ruud van Dam")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_role("link", name="Weekendopvang uitzoeken").click()
    page.get_by_label("Klaar").check()
    page.get_by_label("Wat er met de inbreng is gedaan").fill("Vanaf maart opvang in De Linde.")
    click_to_load(page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_text("Vanaf maart opvang in De Linde.")).to_be_visible()
    assert any(
        m.to == [resident.email] and "Wat er met uw inbreng is gedaan" in m.subject
        for m in mail.outbox
    )
