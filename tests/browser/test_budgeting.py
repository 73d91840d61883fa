"""Budget rounds in a real browser: proposing, reviewing, voting by code (with the live
total and an over-budget error), changing the vote, and reading the result.

Every check after a click waits with Playwright's `expect`: reading the page at once could
read the old page while the new one is still loading."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import log_in, log_out
from tests.budgeting.factories import ProposalFactory, RoundFactory, code_ballot, voting_code
from voorop.budgeting import services
from voorop.budgeting.models import Ballot, Proposal, ProposalStatus, ResultNotice

pytestmark = pytest.mark.django_db(transaction=True)


def _no_violations(page, name: str) -> None:
    violations = axe_violations(page)
    assert not violations, describe(name, violations)


def test_propose_and_review_with_a_reason(page):
    budget_round = RoundFactory(phase="proposals", title="Dorpsbudget Heikant", budget=25_000)
    resident = UserFactory(display_name="Kees Verhoeven")
    staff = UserFactory(roles=["procesbegeleider"])

    log_in(page, resident.email, TEST_PASSWORD)
    page.goto(f"/begroting/{budget_round.pk}/")
    page.get_by_role("link", name="Een voorstel insturen").click()
    page.get_by_label("Naam van uw voorstel").fill("Bankjes langs de vijver")
    page.get_by_label("Wat kost het volgens u, in euro?").fill("30000")
    page.get_by_role("button", name="Versturen").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.locator("[data-error-summary]")).to_be_visible()
    _no_violations(page, "proposal errors")
    expect(page.get_by_label("Naam van uw voorstel")).to_have_value("Bankjes langs de vijver")
    page.get_by_label("Wat wilt u doen, waar, en voor wie?").fill("Vier bankjes voor ouderen.")
    page.get_by_label("Wat kost het volgens u, in euro?").fill("6000")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", name="Bankjes langs de vijver")).to_be_visible()
    expect(page.get_by_text("wacht op beoordeling")).to_be_visible()
    log_out(page)

    log_in(page, staff.email, TEST_PASSWORD)
    page.goto(f"/begroting/{budget_round.pk}/beheer/")
    _no_violations(page, "manage page")
    page.get_by_role("link", name=re.compile("Beoordelen.*Bankjes")).click()
    page.get_by_label("Niet op het stembiljet zetten").check()
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    _no_violations(page, "review errors")
    page.get_by_label("Uitleg voor de indiener").fill("De gemeente plaatst hier al bankjes.")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page).to_have_url(re.compile(r"/beheer/$"))  # saved: back on the manage page
    assert Proposal.objects.get().status == ProposalStatus.REJECTED
    log_out(page)

    log_in(page, resident.email, TEST_PASSWORD)
    page.goto(Proposal.objects.get().get_absolute_url())
    expect(page.get_by_text("De gemeente plaatst hier al bankjes.")).to_be_visible()


def test_vote_by_code_with_live_total_over_budget_error_and_change(page):
    budget_round = RoundFactory(title="Burgerbegroting", budget=10_000, area=None)
    for title, cost in (("Speeltuin", 6_000), ("Bankjes", 3_000), ("AED", 2_000)):
        ProposalFactory(round=budget_round, approved=True, title=title, cost_estimate=cost)
    _row, code = voting_code(budget_round)

    page.goto(f"/begroting/{budget_round.pk}/stemcode/?code={code}")
    expect(page.get_by_label("Uw stemcode")).to_have_value(code)
    _no_violations(page, "code page")
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Speeltuin").check()
    page.get_by_label("Bankjes").check()
    # htmx updates the running total without sending the ballot.
    total = page.locator("#ballot-total")
    total.get_by_text("U koos voor €\xa09.000 van €\xa010.000.").wait_for()
    page.get_by_label("AED").check()
    total.get_by_text("Dat is €\xa01.000 te veel.").wait_for()
    page.get_by_role("button", name="Mijn stem versturen").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.get_by_label("Speeltuin")).to_be_checked()
    expect(page.get_by_label("AED")).to_be_checked()
    _no_violations(page, "ballot errors")
    assert not Ballot.objects.exists()

    page.get_by_label("Speeltuin").uncheck()
    page.get_by_role("button", name="Mijn stem versturen").click()
    expect(page.get_by_role("heading", name="Uw stem telt mee")).to_be_visible()
    expect(page.get_by_text("Bankjes (€\xa03.000)")).to_be_visible()
    _no_violations(page, "receipt")

    # Opt in to the result by e-mail; a typo keeps what was typed.
    page.get_by_label("Uw e-mailadres").fill("buur@example")
    page.get_by_role("button", name="Mail mij de uitslag").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.get_by_label("Uw e-mailadres")).to_have_value("buur@example")
    _no_violations(page, "result e-mail errors")
    page.get_by_label("Uw e-mailadres").fill("buur@example.org")
    page.get_by_role("button", name="Mail mij de uitslag").click()
    expect(page.get_by_text("We sturen een e-mail naar buur@example.org").first).to_be_visible()
    assert ResultNotice.objects.get().email == "buur@example.org"

    page.get_by_role("link", name="Uw stem veranderen").click()
    expect(page.get_by_label("Bankjes")).to_be_checked()
    page.get_by_label("AED").uncheck()
    page.get_by_role("button", name="Mijn nieuwe stem opslaan").click()
    expect(page.get_by_text("Deze komt in de plaats van uw eerdere stem.")).to_be_visible()
    ballot = Ballot.objects.get()
    assert set(ballot.choices) == {str(Proposal.objects.get(title="Bankjes").pk)}


def test_ballot_works_without_javascript(browser, live_server, settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    budget_round = RoundFactory(budget=10_000, area=None)
    for title, cost in (("Speeltuin", 6_000), ("Bankjes", 5_000)):
        ProposalFactory(round=budget_round, approved=True, title=title, cost_estimate=cost)
    _row, code = voting_code(budget_round)
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="nl-NL"
    )
    page = context.new_page()
    page.goto(f"/begroting/{budget_round.pk}/stemcode/?code={code}")
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Speeltuin").check()
    page.get_by_label("Bankjes").check()
    page.get_by_role("button", name="Mijn stem versturen").click()
    expect(page.get_by_text("U koos voor €\xa011.000 van €\xa010.000.")).to_be_visible()
    page.get_by_label("Bankjes").uncheck()
    page.get_by_role("button", name="Mijn stem versturen").click()
    expect(page.get_by_role("heading", name="Uw stem telt mee")).to_be_visible()
    context.close()


def test_reading_the_result(page):
    budget_round = RoundFactory(phase="results", budget=10_000, greedy=True)
    a, b, c = (
        ProposalFactory(round=budget_round, approved=True, title=title, cost_estimate=cost)
        for title, cost in (("Speeltuin", 6_000), ("Bankjes", 3_000), ("AED", 2_000))
    )
    for _ in range(5):
        code_ballot(budget_round, {a.pk: 1, b.pk: 1})
    for _ in range(2):
        code_ballot(budget_round, {c.pk: 1})
    services.result_compute(actor=UserFactory(roles=["beheerder"]), budget_round=budget_round)

    page.goto(f"/begroting/{budget_round.pk}/")
    page.get_by_role("link", name="Bekijk de uitslag en waarom").click()
    expect(page.get_by_role("heading", name="Deze voorstellen krijgen geld")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="AED")
    assert "niet genoeg geld meer" in row.inner_text()
    expect(page.get_by_text("--tie-breaking cost-votes")).to_be_visible()
    expect(page.get_by_text("Gelijk: in het bestand staan precies de stemmen")).to_be_visible()
    _no_violations(page, "results")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Download voorop-begroting-\d+\.pb")).click()
    assert download.value.suggested_filename == f"voorop-begroting-{budget_round.pk}.pb"
