"""What newcomers hit (issue 14), walked in a real browser: the error pages in Dutch in the
site's layout, following an initiative and finding it on "Waar ik aan meedoe", and the
e-mail a follower gets. axe-core on each new page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import click_to_load, log_in
from tests.initiatives.factories import InitiativeFactory, owner_of
from voorop.initiatives.services import initiative_transition

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_missing_page_is_dutch_and_shows_the_way_back(page):
    page.goto("/bestaat-niet/")
    assert page.get_by_role("heading", level=1).inner_text() == "We kunnen deze pagina niet vinden"
    report = describe("404", axe_violations(page))
    click_to_load(page.get_by_role("link", name="Naar de startpagina"))
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/$"))
    assert not report, report


def test_a_resident_without_the_role_is_told_why(page):
    resident = UserFactory()
    log_in(page, resident.email, TEST_PASSWORD)
    page.goto("/loket/werkvoorraad/")  # the desk's work list needs a role and nothing else
    assert page.get_by_role("heading", level=1).inner_text() == (
        "U heeft geen toegang tot deze pagina"
    )
    expect(page.get_by_text("niet de rol die nodig is")).to_be_visible()
    report = describe("403", axe_violations(page))
    assert not report, report


def test_a_resident_follows_an_initiative_and_gets_its_news(page, mails, settings):
    settings.VOOROP_SITE_URL = "http://127.0.0.1:8080"
    initiative = InitiativeFactory(running=True, title="Foto's van Heikant")
    resident = UserFactory(display_name="Fatima el Amrani")
    log_in(page, resident.email, TEST_PASSWORD)
    page.goto(initiative.get_absolute_url())
    page.get_by_role("button", name="Volgen").click()
    page.get_by_text("U volgt nu").wait_for()
    expect(page.get_by_role("button", name="Niet meer volgen")).to_be_visible()
    report = describe("detail, following", axe_violations(page))

    click_to_load(page.get_by_role("link", name="Waar ik aan meedoe").first)
    assert page.get_by_role("heading", level=1).inner_text() == "Waar ik aan meedoe"
    expect(page.get_by_role("link", name="Foto's van Heikant")).to_be_visible()
    report += describe("participation", axe_violations(page))

    mails.clear()
    initiative_transition(
        initiative=initiative, actor=owner_of(initiative), action="finish", reason="Klaar"
    )
    news = [m for m in mails if m.to == [resident.email]]
    assert len(news) == 1
    assert news[0].body.startswith("Beste Fatima el Amrani,")
    assert "Foto's van Heikant" in news[0].body
    assert f"http://127.0.0.1:8080{initiative.get_absolute_url()}" in news[0].body
    assert not report, report
