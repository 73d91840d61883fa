"""Wide tables at 320 px (issue 14.12): the desk queue and a budget round's result stack
their rows (.table--stack in core's stylesheet), so that the key column (the item, the
proposal) and every other cell stay on screen; with zero axe-core violations.

The quota page and the assembly report: tests/browser/test_sortition_small_screen.py."""

from __future__ import annotations

import pytest

from tests.accounts.factories import TEST_PASSWORD, UserFactory, user_with_role
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import log_in
from tests.browser.test_sortition_small_screen import WIDTH, _inside
from tests.budgeting.factories import ProposalFactory, RoundFactory, code_ballot
from tests.loket.factories import DeskItemFactory
from voorop.budgeting import services

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_desk_queue_keeps_its_columns_at_320_px(page):
    desk = user_with_role("loketmedewerker")
    for title in ("Losliggende stoeptegel bij de school", "Bankje bij de vijver"):
        DeskItemFactory(title=title)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    log_in(page, desk.email, TEST_PASSWORD)
    page.goto("/loket/werkvoorraad/")
    table = page.locator("table.table--stack")
    _inside(page, table.locator("tbody th[scope=row]"))
    _inside(page, table.locator("tbody td"))
    violations = axe_violations(page)
    assert not violations, describe("desk queue at 320 px", violations)


def test_a_budget_result_keeps_its_columns_at_320_px(page):
    budget_round = RoundFactory(phase="results", budget=10_000, greedy=True)
    a, b, c = (
        ProposalFactory(round=budget_round, approved=True, title=title, cost_estimate=cost)
        for title, cost in (
            ("Speeltuin met een klimrek voor de grotere kinderen", 6_000),
            ("Bankjes", 3_000),
            ("AED", 2_000),
        )
    )
    for _ in range(3):
        code_ballot(budget_round, {a.pk: 1, b.pk: 1})
    code_ballot(budget_round, {c.pk: 1})
    services.result_compute(actor=UserFactory(roles=["beheerder"]), budget_round=budget_round)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    page.goto(f"/begroting/{budget_round.pk}/uitslag/")
    table = page.locator("table.table--stack")
    _inside(page, table.locator("tbody th[scope=row]"))
    _inside(page, table.locator("tbody td"))
    violations = axe_violations(page)
    assert not violations, describe("budget result at 320 px", violations)
