"""Zero axe-core violations (WCAG 2.1 A + AA) on every page reachable from the home page,
as a visitor and as each demo role, plus the error states of the main forms."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import axe_violations, crawl, describe
from tests.browser.conftest import click_to_load, log_in
from voorop.accounts.demo import DEMO_PASSWORD, demo_email
from voorop.accounts.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ["visitor", "inwoner", *[role.value for role in Role]]
# The roles in three groups of about equal crawl time, so that two test workers share them;
# within a group, a page that looks the same to two roles is checked once.
ROLE_GROUPS = {
    "residents": ["visitor", "inwoner", "initiatiefnemer", "wijkraadslid", "college"],
    "desk-and-council": ["loketmedewerker", "raadslid", "griffie"],
    "facilitation-and-admin": ["procesbegeleider", "beheerder"],
}


def test_the_role_groups_hold_every_role_once():
    grouped = [role for roles in ROLE_GROUPS.values() for role in roles]
    assert sorted(grouped) == sorted(ROLES)


@pytest.mark.slow
@pytest.mark.parametrize("group", ROLE_GROUPS)
def test_every_reachable_page_has_no_violations(page, demo, group):
    reports = []
    audited: dict[str, list[dict]] = {}  # the same page, seen as another role, is checked once
    for role in ROLE_GROUPS[group]:
        page.context.clear_cookies()  # the previous role's session ends
        if role != "visitor":
            log_in(page, demo_email(role), DEMO_PASSWORD)
            assert "/account/login/" not in page.url, f"demo log-in failed for {role}"
        results = crawl(page, "/", audited=audited)
        assert len(results) >= 3, (role, results.keys())
        report = "\n".join(describe(url, v) for url, v in results.items() if v)
        if report:
            reports.append(f"axe-core violations as {role}:\n{report}")
    assert not reports, "\n\n".join(reports)


def test_form_error_states_have_no_violations(page, demo):
    pages_with_errors = []
    page.goto("/account/signup/")
    click_to_load(page.get_by_role("button", name="Account aanmaken"))
    expect(page.locator("[data-error-summary]")).to_be_visible()
    pages_with_errors.append(("sign-up errors", axe_violations(page)))

    page.goto("/account/login/")
    click_to_load(page.get_by_role("button", name="Inloggen"))
    expect(page.locator("[data-error-summary]")).to_be_visible()
    pages_with_errors.append(("log-in errors", axe_violations(page)))

    log_in(page, demo_email("inwoner"), DEMO_PASSWORD)
    page.goto("/account/profiel/wijzigen/")
    page.get_by_label("Geboortejaar").fill("1200")
    click_to_load(page.get_by_role("button", name="Opslaan"))
    expect(page.locator("[data-error-summary]")).to_be_visible()
    pages_with_errors.append(("profile errors", axe_violations(page)))

    report = "\n".join(describe(name, v) for name, v in pages_with_errors if v)
    assert not report, report
