"""The citizens' panel's later additions in a real browser: an organiser edits the panel and
reads the member list; a participant votes and sees at once which group they are closest to;
the organiser closes the map. Every page has zero axe-core violations."""

from __future__ import annotations

import random
import re

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory
from tests.browser.conftest import log_in
from tests.browser.test_panel import _no_violations
from tests.panel.factories import MemberFactory, PanelFactory
from voorop.panel import services
from voorop.panel.models import OpinionVote, Participant

pytestmark = pytest.mark.django_db(transaction=True)


def _panel_and_clerk():
    panel = PanelFactory(title="Burgerpanel Lindewaard")
    clerk = UserFactory(roles=["griffie"])
    panel.organisers.add(clerk)
    return panel, clerk


def test_organiser_edits_the_panel_and_reads_the_member_list(page):
    panel, clerk = _panel_and_clerk()
    MemberFactory(panel=panel, name="Anna Jansen", features={"Leeftijd": "jong", "Wijk": "Centrum"})
    MemberFactory(panel=panel, name="Piet Bakker", features={"Leeftijd": "oud", "Wijk": "Heikant"})
    log_in(page, clerk.email, TEST_PASSWORD)
    page.goto(f"/burgerpanel/{panel.pk}/beheer/")
    page.get_by_role("link", name="Panel aanpassen").click()
    _no_violations(page, "panel edit")
    # A term of 12 years is refused in plain Dutch; what was typed stays.
    page.get_by_label("Tekst over privacy").fill("Wij bewaren uw gegevens zolang u lid bent.")
    page.get_by_label("Termijn in jaren").fill("12")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De termijn is 1 tot 10 jaar.", exact=True)).to_be_visible()
    expect(page.get_by_label("Tekst over privacy")).to_have_value(
        "Wij bewaren uw gegevens zolang u lid bent."
    )
    _no_violations(page, "panel edit with errors")
    page.get_by_label("Termijn in jaren").fill("4")
    page.get_by_label("Leeftijd", exact=True).uncheck()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het panel is bewaard.")).to_be_visible()
    panel.refresh_from_db()
    assert panel.term_years == 4 and panel.weighting == ["Wijk"]

    page.get_by_role("link", name="Ledenlijst").click()
    expect(page.get_by_role("cell", name="Anna Jansen")).to_be_visible()
    _no_violations(page, "member list")
    page.get_by_label("Leeftijd").select_option("oud")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_text("1 lid gevonden")).to_be_visible()
    expect(page.get_by_role("cell", name="Piet Bakker")).to_be_visible()
    expect(page.get_by_role("cell", name="Anna Jansen")).to_have_count(0)
    _no_violations(page, "member list, filtered")


def test_participant_sees_where_they_stand_and_the_organiser_closes_the_map(page):
    panel, clerk = _panel_and_clerk()
    found = services.map_create(
        actor=clerk,
        panel=panel,
        title="Het centrum",
        intro="Stem op de stellingen.",
        statements=[f"Stelling {i}" for i in range(8)],
    )
    rng = random.Random(1)
    statements = list(found.statements.order_by("pk"))
    for i in range(40):
        participant = Participant.objects.create(opinion_map=found)
        for j, statement in enumerate(statements):
            agree = (j < 4) == (i % 2 == 0)
            if rng.random() < 0.1:
                agree = not agree
            OpinionVote.objects.create(
                participant=participant, statement=statement, vote=1 if agree else -1
            )
    services.map_compute(opinion_map=found)

    page.goto(f"/burgerpanel/stellingen/{found.pk}/")
    _no_violations(page, "opinion map before voting")
    page.get_by_role("button", name="Eens", exact=True).click()
    expect(page.get_by_text(re.compile(r"Stem op nog 6 stellingen"))).to_be_visible()
    # With htmx the vote swaps the card and the groups in place: each vote counts down.
    for left in range(5, 0, -1):
        page.get_by_role("button", name="Oneens", exact=True).click()
        expect(page.get_by_text(re.compile(rf"Stem op nog {left} stelling"))).to_be_visible()
    page.get_by_role("button", name="Oneens", exact=True).click()
    closest = re.compile(r"U staat het dichtst bij groep [AB] \(\d+ deelnemers\)")
    expect(page.get_by_text(closest)).to_be_visible()
    expect(page.get_by_text("Wat deze groep vindt:")).to_be_visible()
    _no_violations(page, "opinion map: where you stand")

    log_in(page, clerk.email, TEST_PASSWORD)
    page.goto(f"/burgerpanel/stellingen/{found.pk}/beheer/")
    _no_violations(page, "map management with closing")
    page.get_by_role("button", name="Sluit de kaart nu").click()
    expect(page.get_by_text(re.compile("De stellingenkaart is gesloten"))).to_be_visible()
    page.get_by_role("link", name="Openbare pagina").click()
    expect(page.get_by_text(re.compile("Deze stellingenkaart is gesloten op"))).to_be_visible()
    expect(page.get_by_role("button", name="Eens", exact=True)).to_have_count(0)
    expect(page.get_by_text(re.compile("^Groep A"))).to_be_visible()
    _no_violations(page, "closed opinion map")
