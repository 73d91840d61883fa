"""What newcomers hit (issue 14), more paths walked in a real browser, axe-core on each page:

- 14.1: a caller who is informed by phone: the message becomes a call task in the officer's
  queue, and only after "Ik heb de indiener gebeld" does the timeline say they were told;
- 14.3 and 14.4: a resident's answer on the tracking page shows as the resident's own
  ("Reactie van de indiener"), and the queue's status filter says what it shows;
- 14.11: a resident reading in English meets the system's timeline lines in English.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory, user_with_role
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import click_to_load, log_in
from tests.initiatives.factories import InitiativeFactory
from tests.loket.factories import DeskItemFactory
from voorop.initiatives import services as initiative_services
from voorop.loket import services as desk_services
from voorop.loket.models import DeskItem

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_caller_is_told_by_phone_and_only_then_the_timeline_says_so(page):
    desk = user_with_role("loketmedewerker")
    item = DeskItemFactory(
        title="Bankje bij de vijver",
        contact_email="",
        contact_phone="0612345678",
        inform_by="telefoon",
    )
    log_in(page, desk.email, TEST_PASSWORD)
    page.goto(item.get_absolute_url())
    page.get_by_label("Bericht aan de indiener").fill("Het bankje komt er in mei.")
    page.get_by_role("button", name="Op de volgpagina zetten").click()
    expect(page.get_by_text("Bel de indiener").first).to_be_visible()
    assert not page.get_by_text("Wij hebben u gebeld").count()
    report = describe("item with a call task", axe_violations(page))

    page.goto("/loket/werkvoorraad/")
    expect(page.get_by_text("Het bankje komt er in mei.")).to_be_visible()
    click_to_load(page.get_by_role("button", name="Ik heb de indiener gebeld"))
    page.goto(item.get_absolute_url())
    expect(page.get_by_text("Wij hebben u gebeld en dit verteld.")).to_be_visible()
    assert not report, report


def test_a_residents_answer_is_their_own_and_the_queue_filter_says_what_it_shows(page):
    desk = user_with_role("loketmedewerker")
    item = DeskItemFactory(title="Losse stoeptegel")
    DeskItemFactory(title="Al afgehandelde vraag", status="afgerond")
    token = desk_services.item_new_tracking_link(item=item, actor=desk)

    page.goto(f"/loket/volg/{token}/")
    page.get_by_label("Uw antwoord").fill("Hij ligt bij huisnummer 12.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Hij ligt bij huisnummer 12.")).to_be_visible()
    report = describe("tracking page after a reply", axe_violations(page))

    log_in(page, desk.email, TEST_PASSWORD)
    page.goto(DeskItem.objects.get(pk=item.pk).get_absolute_url())
    expect(page.get_by_text("Reactie van de indiener").first).to_be_visible()
    assert not page.locator(".timeline-title", has_text="Bericht aan de indiener").count()

    page.goto("/loket/werkvoorraad/")
    chosen = "s => s.options[s.selectedIndex].text"
    assert page.locator("select[name=status]").evaluate(chosen) == "Open"
    click_to_load(page.get_by_role("button", name="Filteren"))
    assert page.locator("select[name=status]").evaluate(chosen) == "Open"
    expect(page.get_by_role("link", name=item.reference)).to_be_visible()
    assert not page.get_by_text("Al afgehandelde vraag").count()
    report += describe("queue", axe_violations(page))
    assert not report, report


def test_a_reader_in_english_meets_the_systems_lines_in_english(page):
    initiative = InitiativeFactory(running=True, title="Moestuin Heikant")
    facilitator = UserFactory(roles=["procesbegeleider"], display_name="Sanne de Wit")
    with translation.override("nl"):  # a Dutch-speaking officer acts
        initiative_services.facilitator_assign(
            initiative=initiative, actor=user_with_role("loketmedewerker"), facilitator=facilitator
        )
    reader = UserFactory(language="en")
    log_in(page, reader.email, TEST_PASSWORD)
    page.goto(initiative.get_absolute_url())
    expect(
        page.get_by_text("Sanne de Wit supports this initiative for the municipality.")
    ).to_be_visible()
    assert not page.get_by_text("namens de gemeente").count()
    report = describe("initiative in English", axe_violations(page))
    assert not report, report
