"""The citizens' panel in a real browser: joining with the code of a letter, answering a
consultation from the e-mail link, reading the weighted results and the feedback, voting on
statements and seeing the map, and a statement a moderator approves. Every page has zero
axe-core violations."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import click_to_load, log_in
from tests.panel.factories import (
    MemberFactory,
    PanelFactory,
    QuestionFactory,
    consultation_in,
    invite_for,
    invite_token,
    population,
)
from voorop.core.addresses import AddressRow
from voorop.panel import services
from voorop.panel.models import Member, OpinionVote, Participant, Response, StatementStatus

pytestmark = pytest.mark.django_db(transaction=True)


def _no_violations(page, name: str) -> None:
    if page.locator(".messages").count():
        page.goto(page.url)  # see test_sortition: the flash message's list is reported
    violations = axe_violations(page)
    assert not violations, describe(name, violations)


def _letter_code(panel) -> str:
    clerk = UserFactory(roles=["griffie"])
    panel.organisers.add(clerk)
    rows = [
        AddressRow(
            line=i,
            street="Kerkstraat",
            house_number=str(i),
            postcode="3981 AB",
            place="Lindewaard",
            address_id=f"A{i}",
            area=("Centrum", "Heikant")[i % 2],
        )
        for i in range(1, 11)
    ]
    services.addresses_import(actor=clerk, panel=panel, rows=rows)
    batch = services.recruitment_draw(actor=clerk, panel=panel, count=4, seed="x")
    return services.letters_generate(actor=clerk, recruitment=batch)[0]["code"]


def test_join_by_letter_code(page):
    panel = PanelFactory(open_signup=False)
    code = _letter_code(panel)
    page.goto(f"/burgerpanel/{panel.pk}/")
    _no_violations(page, "panel page")
    page.get_by_role("link", name="Word lid van het panel").click()
    _no_violations(page, "join form")
    page.get_by_label("Code uit de brief", exact=True).fill("AAAA-BBBB-CCCC")
    page.get_by_label("Naam", exact=True).fill("An de Vries")
    page.get_by_label("E-mailadres", exact=True).fill("an@example.org")
    page.get_by_label("jong", exact=True).check()
    page.get_by_label("Centrum", exact=True).check()
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Word lid van het panel").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.get_by_label("Naam", exact=True)).to_have_value("An de Vries")
    _no_violations(page, "join form with a wrong code")
    page.get_by_label("Code uit de brief", exact=True).fill(code)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Word lid van het panel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom in het panel")
    _no_violations(page, "welcome page")
    assert Member.objects.get().source == "letter"


def test_answer_from_the_mail_link_and_read_the_results(page):
    consultation = consultation_in("open")
    QuestionFactory(
        consultation=consultation, kind="scale", options=[], text="Hoe tevreden bent u?"
    )
    invite = invite_for(consultation, MemberFactory(panel=consultation.panel))
    page.goto(f"/burgerpanel/vragen/{invite_token(invite)}/")
    _no_violations(page, "answer form")
    page.get_by_label("ja", exact=True).check()
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden")
    _no_violations(page, "thanks page")
    assert Response.objects.count() == 1

    finished = consultation_in("reported", panel=consultation.panel)
    population(finished.panel, {("Leeftijd", "jong"): 1, ("Leeftijd", "oud"): 1})
    finished.weighting = ["Leeftijd"]
    finished.save()
    question = finished.questions.get()
    for i in range(12):
        response = Response.objects.create(
            consultation=finished,
            features={"Leeftijd": ("jong", "oud")[i % 3 == 0]},
            submitted_on=timezone.localdate(),
        )
        response.answers.create(question=question, value=("ja", "nee")[i % 2])
    page.goto(f"/burgerpanel/raadpleging/{finished.pk}/resultaten/")
    expect(page.get_by_text("We hebben het plein groener gemaakt.")).to_be_visible()
    expect(page.locator("svg.panel-chart")).to_have_count(1)
    expect(page.get_by_role("columnheader", name="Gewogen", exact=True)).to_be_visible()
    _no_violations(page, "results page")


def test_vote_on_statements_and_a_moderator_approves(page):
    panel = PanelFactory()
    clerk = UserFactory(roles=["griffie"])
    panel.organisers.add(clerk)
    found = services.map_create(
        actor=clerk,
        panel=panel,
        title="Het centrum",
        intro="Stem op de stellingen.",
        statements=["Meer bomen", "Minder auto's", "Meer bankjes"],
    )
    for i in range(30):
        participant = Participant.objects.create(opinion_map=found)
        for j, statement in enumerate(found.statements.all()):
            OpinionVote.objects.create(
                participant=participant,
                statement=statement,
                vote=1 if (j == 0) == (i % 2 == 0) else -1,
            )
    services.map_compute(opinion_map=found)
    page.goto(f"/burgerpanel/stellingen/{found.pk}/")
    _no_violations(page, "opinion map")
    # With htmx each vote swaps the card in place: wait for the count-down before the next.
    for left in (2, 1):
        page.get_by_role("button", name="Eens", exact=True).click()
        expect(page.get_by_text(re.compile(rf"Stem op nog {left} stelling"))).to_be_visible()
    page.get_by_role("button", name="Eens", exact=True).click()
    expect(page.get_by_text("U heeft op elke stelling gestemd")).to_be_visible()
    services.map_compute(opinion_map=found)
    page.reload()
    expect(page.get_by_text(re.compile("U staat het dichtst bij groep"))).to_be_visible()
    expect(page.get_by_text(re.compile("^Groep A"))).to_be_visible()
    page.get_by_label("Uw eigen stelling").fill("Een markt op zaterdag")
    page.get_by_role("button", name="Voeg de stelling toe").click()
    expect(page.get_by_text("zodra hij is gecontroleerd")).to_be_visible()
    _no_violations(page, "opinion map after a statement")

    log_in(page, clerk.email, TEST_PASSWORD)
    page.goto(f"/burgerpanel/stellingen/{found.pk}/beheer/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beheer de stellingenkaart")
    _no_violations(page, "map moderation")
    click_to_load(page.get_by_role("button", name=re.compile(r"^Tonen\W+Een markt op zaterdag")))
    assert found.statements.get(text="Een markt op zaterdag").status == StatementStatus.ACCEPTED
    page.goto(f"/burgerpanel/{panel.pk}/beheer/")
    _no_violations(page, "panel management")
