"""Issue 16 in a browser: balancing a plan that first breaks a frame and then respects it
(htmx updates the total; the server refuses the breaking plan), reading the results, and
scoring a pitch battle as a juror on a 320 px wide screen; zero axe-core violations."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD
from tests.battles.factories import BattleFactory, EntryFactory, juror, with_criteria
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import click_to_load, log_in
from tests.savings.factories import DialogueFactory, resident, with_tables
from voorop.battles.models import ScoreSheet
from voorop.savings.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)


def _no_violations(page, what: str) -> None:
    violations = axe_violations(page)
    assert not violations, describe(what, violations)


def test_a_plan_first_breaks_a_frame_then_respects_it(page):
    dialogue = DialogueFactory(title="Zeist kiest")
    options = with_tables(dialogue)
    person = resident(dialogue)
    log_in(page, person.email, TEST_PASSWORD)
    page.goto(f"/begrotingsgesprek/{dialogue.pk}/")
    _no_violations(page, "dialogue page")
    click_to_load(page.get_by_role("link", name=re.compile("Maak uw plan")).first)
    _no_violations(page, "simulator")
    total = page.locator("#plan-total")
    # One step more for the library: culture goes over its maximum and nothing is saved.
    page.locator(f"#id_o{options['bieb'].pk}").select_option("1")
    expect(total).to_contain_text("320.000")
    expect(total).to_have_class(re.compile("plan-total--broken"))
    page.locator(f"#id_r{options['bieb'].pk}").fill("De bibliotheek is belangrijk.")
    click_to_load(page.get_by_role("button", name="Mijn plan versturen"))
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.locator(f"#id_r{options['bieb'].pk}").input_value() == (
        "De bibliotheek is belangrijk."
    )
    assert not Plan.objects.exists()
    _no_violations(page, "simulator with a broken frame")
    page.locator(f"#id_o{options['bieb'].pk}").select_option("-2")
    page.locator(f"#id_o{options['jeugd'].pk}").select_option("-2")
    expect(total).to_contain_text("past binnen alle grenzen")
    expect(total).not_to_have_class(re.compile("plan-total--broken"))
    click_to_load(page.get_by_role("button", name="Mijn plan versturen"))
    assert "Uw plan is verstuurd" in page.content()
    plan = Plan.objects.get()
    assert plan.total_change == -100_000_00
    _no_violations(page, "plan sent")


def test_reading_the_results(page):
    dialogue = DialogueFactory(phase="closed", title="Zeist koos")
    options = with_tables(dialogue)
    for levels in (
        {"jeugd": -2, "bieb": -2},
        {"jeugd": -1, "bieb": -3},
        {"bieb": -2, "museum": -2},
    ):
        plan = Plan.objects.create(dialogue=dialogue, age_band="65+")
        for name, level in levels.items():
            plan.choices.create(option=options[name], level=level, reason=f"Reden {name}")
    page.goto(f"/begrotingsgesprek/{dialogue.pk}/uitkomst/")
    expect(page.get_by_role("heading", name=re.compile("Wat iedereen koos"))).to_be_visible()
    assert page.locator("svg.bars").count() >= 3
    assert "Reden bieb" in page.content()
    _no_violations(page, "results")


def test_scoring_as_a_juror_at_320_px(page):
    battle = BattleFactory(title="Z-battle Zeist")
    criteria = with_criteria(battle)
    first = EntryFactory(battle=battle, title="Moestuin")
    EntryFactory(battle=battle, title="Buurtbus")
    seat = juror(battle)
    page.set_viewport_size({"width": 320, "height": 720})
    log_in(page, seat.user.email, TEST_PASSWORD)
    page.goto(f"/pitchbattle/{battle.pk}/")
    _no_violations(page, "battle at 320 px")
    page.goto(f"/pitchbattle/plan/{first.pk}/scoren/")
    _no_violations(page, "score sheet at 320 px")
    for criterion, value in zip(criteria, ("8", "6"), strict=True):
        choice = page.locator(f"input[name=c{criterion.pk}][value='{value}']")
        label = page.locator(f"label[for='{choice.get_attribute('id')}']")
        box = label.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
        label.click()
    page.get_by_label("Uw reden").fill("Sterk plan.")
    click_to_load(page.get_by_role("button", name="Opslaan en naar het volgende plan"))
    assert "Buurtbus" in page.content()
    sheet = ScoreSheet.objects.get(entry=first)
    assert sheet.scores == {str(criteria[0].pk): 8, str(criteria[1].pk): 6}
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
