"""Issue 16's gaps in a browser: an organiser sets up a pitch battle with two criteria and a
jury in the staff pages (the warning when one group holds more than half the seats), and the
results page of a savings dialogue shows the medians per area; zero axe-core violations."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory, user_with_role
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import click_to_load, log_in
from tests.core.areas.factories import AreaFactory
from tests.savings.factories import DialogueFactory, with_tables
from voorop.battles.models import Battle
from voorop.savings.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)


def _no_violations(page, what: str) -> None:
    violations = axe_violations(page)
    assert not violations, describe(what, violations)


def test_an_organiser_sets_up_a_battle_with_two_criteria_and_a_jury(page):
    organiser = user_with_role("procesbegeleider")
    UserFactory(email="raadslid@example.org")
    UserFactory(email="bewoner@example.org")
    log_in(page, organiser.email, TEST_PASSWORD)
    page.goto("/pitchbattle/")
    click_to_load(page.get_by_role("link", name="Nieuwe pitch battle"))
    _no_violations(page, "new battle form")
    page.locator("#id_title").fill("Z-battle Zeist")
    page.locator("#id_description").fill("Bewoners presenteren hun plan in drie minuten.")
    page.locator("#id_scale_min").fill("1")
    page.locator("#id_scale_max").fill("10")
    click_to_load(page.get_by_role("button", name="Opslaan en verder"))
    battle = Battle.objects.get(title="Z-battle Zeist")
    assert page.url.endswith(f"/pitchbattle/{battle.pk}/inrichten/")
    _no_violations(page, "set-up page, empty")

    for name, weight in (("Goed idee", "2"), ("Haalbaar", "1")):
        page.locator("#id_criterion-name").fill(name)
        page.locator("#id_criterion-weight").fill(weight)
        click_to_load(page.get_by_role("button", name="Punt toevoegen"))
    assert [(c.name, c.weight) for c in battle.criteria.all()] == [
        ("Goed idee", 2),
        ("Haalbaar", 1),
    ]

    page.locator("#id_juror-email").fill("raadslid@example.org")
    page.locator("input[name='juror-group'][value='councillor']").check()
    click_to_load(page.get_by_role("button", name="Aan de jury toevoegen"))
    warning = page.locator(".jury-warning")
    expect(warning).to_be_visible()
    assert "raadslid" in warning.inner_text()
    _no_violations(page, "set-up page with the jury warning")

    # A mistyped address: a plain-Dutch error, what was typed stays.
    page.locator("#id_juror-email").fill("niemand@example.org")
    page.locator("input[name='juror-group'][value='resident']").check()
    click_to_load(page.get_by_role("button", name="Aan de jury toevoegen"))
    expect(page.locator(".error-summary")).to_be_visible()
    assert "Er is geen account met dit e-mailadres" in page.content()
    assert page.locator("#id_juror-email").input_value() == "niemand@example.org"
    _no_violations(page, "set-up page with an error")

    page.locator("#id_juror-email").fill("bewoner@example.org")
    page.locator("input[name='juror-group'][value='resident']").check()
    click_to_load(page.get_by_role("button", name="Aan de jury toevoegen"))
    assert page.locator(".jury-warning").count() == 0
    assert sorted(battle.jurors.values_list("group", flat=True)) == ["councillor", "resident"]

    page.goto(f"/pitchbattle/{battle.pk}/")
    assert "Goed idee" in page.content() and "Haalbaar" in page.content()
    _no_violations(page, "battle page after setting up")


def test_the_results_show_the_medians_per_area(page):
    dialogue = DialogueFactory(phase="closed", title="Zeist koos")
    options = with_tables(dialogue)
    noord, zuid = AreaFactory(name="Noord"), AreaFactory(name="Zuid")
    for area, levels in ((noord, (-2, -2, -3, -2, -3)), (zuid, (-3, -3))):
        for level in levels:
            plan = Plan.objects.create(dialogue=dialogue, area=area, age_band="45-64")
            plan.choices.create(option=options["jeugd"], level=-2)
            plan.choices.create(option=options["bieb"], level=level)
    page.goto(f"/begrotingsgesprek/{dialogue.pk}/uitkomst/")
    heading = page.get_by_role("heading", name=re.compile("middelste keuze per wijk"))
    expect(heading).to_be_visible()
    table = page.locator("table.group-medians").first
    assert table.locator("caption").inner_text() == "Per wijk"
    library = table.locator("tr", has_text="Bibliotheek")
    cells = library.locator("td").all_inner_texts()
    assert cells == ["-2 (5 plannen)", "te weinig plannen"]
    _no_violations(page, "results with medians per area")
    # On a phone the table is wider than the screen: its region scrolls, by keyboard too.
    page.set_viewport_size({"width": 320, "height": 640})
    page.reload()
    _no_violations(page, "results with medians per area, 320 px")
