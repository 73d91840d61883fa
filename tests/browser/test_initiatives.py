"""Initiatives in a real browser: supporting with the name shown, and an owner who starts,
submits, and staff who take it into conversation. Plus axe-core on every new page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory, user_with_role
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import click_to_load, log_in, log_out
from tests.initiatives.factories import InitiativeFactory
from voorop.accounts.demo import DEMO_PASSWORD, demo_email
from voorop.initiatives.models import Initiative, Status

pytestmark = pytest.mark.django_db(transaction=True)


def _support_count(page) -> str:
    return page.locator("#steun .support-count strong").inner_text()


def test_a_resident_supports_with_name_shown_and_withdraws(page):
    initiative = InitiativeFactory(running=True, title="Dorpshuis De Linde")
    resident = UserFactory(display_name="Fatima el Amrani")
    log_in(page, resident.email, TEST_PASSWORD)
    page.goto(initiative.get_absolute_url())
    assert _support_count(page) == "0"
    page.get_by_label("Toon mijn naam bij de steunbetuigers").check()
    page.get_by_role("button", name="Dit initiatief steunen").click()
    page.get_by_text("Bedankt voor uw steun.").wait_for()
    assert _support_count(page) == "1"
    # The swap keeps the keyboard focus on the (new) button.
    assert page.evaluate("document.activeElement.id") == "steun-knop"
    expect(page.locator(".supporter-names").get_by_text("Fatima el Amrani")).to_be_visible()

    page.reload()  # the count and the name are stored, not only swapped in
    assert _support_count(page) == "1"
    page.get_by_role("button", name="Mijn steun intrekken").click()
    page.get_by_text("Uw steun is ingetrokken.").wait_for()
    assert _support_count(page) == "0"
    assert page.locator(".supporter-names").count() == 0
    assert Initiative.objects.get(pk=initiative.pk).support_count == 0


def test_support_works_without_javascript(browser, live_server, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    initiative = InitiativeFactory(running=True)
    resident = UserFactory()
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in(page, resident.email, TEST_PASSWORD)
        page.goto(initiative.get_absolute_url())
        click_to_load(page.get_by_role("button", name="Dit initiatief steunen"))
        expect(page.get_by_text("Bedankt voor uw steun.")).to_be_visible()
        assert _support_count(page) == "1"
    finally:
        context.close()


def test_owner_starts_and_submits_then_staff_start_the_conversation(page):
    owner = UserFactory(display_name="Kees Verhoeven")
    log_in(page, owner.email, TEST_PASSWORD)
    page.goto("/initiatieven/")
    page.get_by_role("link", name="Initiatief beginnen").click()

    # An empty title: the error is explained and what was typed stays.
    page.locator("#id_description").fill("Een moestuin met bakken op hoogte.")
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert page.title().startswith("Fout:")
    assert page.locator("#id_description").input_value() == "Een moestuin met bakken op hoogte."

    page.get_by_label("Naam van het initiatief").fill("Buurtmoestuin")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.get_by_role("heading", name="Buurtmoestuin", level=1).wait_for()
    expect(page.get_by_text("Dit is een concept")).to_be_visible()

    page.get_by_role("link", name="Indienen bij de gemeente").click()
    page.get_by_label("Waarom?").fill("Het plan is klaar en de buren doen mee.")
    page.get_by_role("button", name="Status wijzigen").click()
    page.get_by_text("De status is gewijzigd.").wait_for()
    expect(
        page.locator(".timeline").get_by_text("Het plan is klaar en de buren doen mee.")
    ).to_be_visible()
    initiative = Initiative.objects.get(title="Buurtmoestuin")
    assert initiative.status == Status.SUBMITTED

    log_out(page)
    staff = user_with_role("procesbegeleider")
    log_in(page, staff.email, TEST_PASSWORD)
    page.goto("/initiatieven/aandacht/")
    page.get_by_role("link", name="Buurtmoestuin").click()
    page.get_by_role("link", name="Het gesprek beginnen").click()
    page.get_by_role("button", name="Status wijzigen").click()
    expect(
        page.locator("[data-error-summary]").get_by_text(re.compile("Leg uit waarom"))
    ).to_be_visible()
    page.get_by_label("Waarom?").fill("Kennismaking op 12 maart.")
    page.get_by_role("button", name="Status wijzigen").click()
    page.get_by_text("De status is gewijzigd.").wait_for()
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_CONVERSATION
    assert page.locator(".status").first.inner_text() == "In gesprek"


def test_initiative_pages_and_their_error_states_have_no_violations(page, demo):
    results = []
    log_in(page, demo_email("initiatiefnemer"), DEMO_PASSWORD)
    owned = Initiative.objects.filter(
        memberships__user__email=demo_email("initiatiefnemer"), memberships__role="owner"
    )
    running = owned.get(status=Status.RUNNING)
    draft = owned.get(status=Status.CONCEPT)
    for path in [
        "/initiatieven/?area=lindewaard&order=support",
        "/initiatieven/mijn/",
        "/initiatieven/nieuw/",
        running.get_absolute_url(),
        f"/initiatieven/{running.pk}/wijzigen/",
        f"/initiatieven/{running.pk}/leden/",
        f"/initiatieven/{running.pk}/bericht/",
        f"/initiatieven/{running.pk}/scenario/",
        f"/initiatieven/{draft.pk}/status/",
    ]:
        page.goto(path)
        results.append((path, axe_violations(page)))
    for path, button in [
        ("/initiatieven/nieuw/", "Opslaan als concept"),
        (f"/initiatieven/{running.pk}/leden/", "Toevoegen"),
        (f"/initiatieven/{running.pk}/bericht/", "Plaatsen"),
        (f"/initiatieven/{running.pk}/scenario/", "Scenario toevoegen"),
        (f"/initiatieven/{draft.pk}/status/", "Status wijzigen"),
    ]:
        page.goto(path)
        page.get_by_role("button", name=button).click()
        page.locator("[data-error-summary]").wait_for()
        results.append((f"{path} (errors)", axe_violations(page)))
    report = "\n".join(describe(name, v) for name, v in results if v)
    assert not report, report
