"""What newcomers hit (issue 14), the remaining paths walked in a real browser, axe-core on
each page visited:

- 14.2: a Ho-stop card that a party never answers: reminders on the card, and after the
  response period the griffie decides in public that the process stops;
- 14.7: letters with voting codes are printed, staff move the voting dates and are told what
  to tell residents; after voting closed the code from the letter says it is closed;
- 14.8: a Dutch form with radio lists and one with a select list: no English blank label,
  nothing checked as if it were an answer;
- 14.12: amounts as Dutch people type them ("€ 1.500,50", "€ 8.000,-"), shown back exactly;
  a budget proposal offers only the round's areas.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory, user_with_role
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import click_to_load, log_in, log_out
from tests.budgeting.factories import RoundFactory, dates_for, voting_code
from tests.community.factories import NetworkFactory
from tests.core.areas.factories import AreaFactory
from tests.sortition.factories import add_invitation, assembly_in
from voorop.budgeting.models import BudgetRound, Proposal
from voorop.community.models import Post
from voorop.core.workdays import add_working_days
from voorop.hostop import services as hostop_services
from voorop.hostop.models import RESPONSE_DAYS, CardStatus, HoStopCard
from voorop.initiatives.models import Initiative, Membership, Status
from voorop.initiatives.services import initiative_create

pytestmark = pytest.mark.django_db(transaction=True)

ENGLISH_BLANK = re.compile(r"Select an option", re.I)


def _axe(page, name: str) -> str:
    return describe(name, axe_violations(page))


def _card_raised_days_ago(card: HoStopCard, days: int) -> None:
    """As if the card was raised `days` days ago (its response period moves with it)."""
    moment = timezone.now() - timedelta(days=days)
    HoStopCard.objects.filter(pk=card.pk).update(
        raised_at=moment, respond_by=add_working_days(moment, RESPONSE_DAYS)
    )


def test_14_2_a_card_nobody_answers_passes_to_the_griffie_who_stops_it_in_public(
    page, browser, live_server, mails, settings
):
    settings.VOOROP_SITE_URL = live_server.url
    owner = UserFactory(display_name="Karin Kern")  # like the demo's initiator: never answers
    member = UserFactory(display_name="Piet Post")
    initiative = initiative_create(
        actor=owner, title="Speeltuin Heikant", description="Nieuwe toestellen.", owners=[owner]
    )
    Membership.objects.create(initiative=initiative, user=member, role=Membership.Role.MEMBER)
    initiative.status = Status.RUNNING
    initiative.save(update_fields=["status"])
    councillor = user_with_role("raadslid")
    clerk = UserFactory(roles=["griffie"], display_name="Ruud van Dam")

    # A councillor raises the card; the page says by when to answer and what happens then.
    log_in(page, councillor.email, TEST_PASSWORD)
    page.goto(initiative.get_absolute_url())
    page.get_by_role("link", name="Ho-stopkaart inzetten").click()
    page.get_by_label("Waarom moet het proces even stoppen?").fill(
        "Omwonenden zijn niet gehoord over de plek."
    )
    page.get_by_role("button", name="Proces stilzetten").click()
    expect(page.get_by_text("Antwoord uiterlijk op", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile("Na die datum beslist de griffie"))).to_be_visible()
    card_url = page.url.split("?")[0]
    card = HoStopCard.objects.get()
    report = _axe(page, "card, just raised")
    log_out(page)

    # Four days on, nobody answered: a reminder, on the card's public timeline.
    _card_raised_days_ago(card, 4)
    assert hostop_services.hostop_remind_and_hand_over() == 1
    page.goto(card_url)
    timeline = page.locator(".timeline")
    expect(timeline.get_by_text("Herinnering gestuurd")).to_be_visible()
    expect(timeline.get_by_text(re.compile(r"Herinnerd: .*Karin Kern.*Piet Post"))).to_be_visible()
    assert not page.get_by_role("heading", name="Beslissen als griffie").count()
    report += _axe(page, "card with a reminder")

    # The response period is over: the decision passes to the griffie, who gets an e-mail.
    mails.clear()
    _card_raised_days_ago(card, 30)
    assert hostop_services.hostop_remind_and_hand_over() == 1
    to_clerk = [m for m in mails if m.to == [clerk.email]]
    assert len(to_clerk) == 1
    link = re.search(r"https?://\S+", to_clerk[0].body).group(0)
    assert link.endswith(card.get_absolute_url())

    log_in(page, clerk.email, TEST_PASSWORD)
    page.goto(link)
    expect(page.get_by_text("Reactietermijn voorbij: de griffie beslist")).to_be_visible()
    expect(page.get_by_role("heading", name="Beslissen als griffie")).to_be_visible()
    report += _axe(page, "card for the griffie")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()  # a choice and a reason
    report += _axe(page, "griffie decision errors")
    page.get_by_label("Het proces stopt").check()
    page.get_by_label("Waarom?", exact=True).fill("Geen draagvlak meer in de buurt.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("heading", name="Het besluit van de griffie")).to_be_visible()
    card.refresh_from_db()
    assert card.status == CardStatus.STOPPED and card.decided_by == clerk
    log_out(page)

    # Anyone reads the decision and why: on the card and on the initiative's own page.
    page.goto(card_url)
    expect(page.get_by_role("heading", name="Het besluit van de griffie")).to_be_visible()
    expect(page.get_by_text("Geen draagvlak meer in de buurt.").first).to_be_visible()
    expect(page.get_by_text("De griffie besloot: het proces stopt")).to_be_visible()
    report += _axe(page, "card, decided, public")
    page.get_by_role("link", name="Terug naar Speeltuin Heikant").click()
    expect(page.get_by_role("heading", name="Speeltuin Heikant", level=1)).to_be_visible()
    expect(page.get_by_text("Geen draagvlak meer in de buurt.").first).to_be_visible()
    assert Initiative.objects.get(pk=initiative.pk).status == Status.STOPPED
    report += _axe(page, "initiative, stopped, public")
    assert not report, report


def test_14_7_moved_dates_after_letters_warn_and_a_closed_round_says_so(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    budget_round = RoundFactory(phase="review", title="Dorpsbudget Heikant", area=None)
    staff = user_with_role("beheerder")
    log_in(page, staff.email, TEST_PASSWORD)

    # Letters with voting codes are made (and printed).
    page.goto(budget_round.get_absolute_url())
    page.get_by_role("link", name="Deze ronde beheren").click()
    page.get_by_role("link", name="Stemcodes en brieven maken").click()
    page.get_by_label("Adressenlijst (CSV)").set_input_files(
        {
            "name": "adressen.csv",
            "mimeType": "text/csv",
            "buffer": (
                b"naam;adres;postcode;plaats\n"
                b"Fam. Jansen;Dorpsstraat 1;1234 AB;Heikant\n"
                b";Kerkweg 2;1234 AC;Heikant\n"
            ),
        }
    )
    click_to_load(page.get_by_role("button", name="Codes en brieven maken"))
    page.goto(page.url)  # "refresh this page in a moment"
    expect(page.get_by_role("link", name=re.compile("De brieven downloaden", re.I))).to_be_visible()
    report = _axe(page, "letters made")

    # The manage page says the letters print the dates before anything is changed.
    page.get_by_role("link", name="Terug").first.click()
    expect(page.get_by_text("Er zijn al brieven met stemcodes gemaakt")).to_be_visible()
    report += _axe(page, "manage page with letters")

    # Staff move the closing date: told what the letters say and what to tell residents.
    page.goto(budget_round.get_absolute_url())
    page.get_by_role("link", name="Budgetronde wijzigen").click()
    new_end = timezone.localtime(budget_round.voting_until + timedelta(days=7)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    page.get_by_label("Stemmen sluit op").fill(new_end.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Opslaan").click()
    warning = page.get_by_text(re.compile("Vertel de inwoners de nieuwe data"))
    expect(warning).to_be_visible()
    months = (
        "januari februari maart april mei juni juli augustus september oktober november december"
    )
    new_end_text = f"{new_end.day} {months.split()[new_end.month - 1]} {new_end.year} 18:00"
    assert new_end_text in warning.inner_text(), warning.inner_text()
    assert BudgetRound.objects.get(pk=budget_round.pk).voting_until == new_end
    report += _axe(page, "round after moving the dates")
    log_out(page)

    # Voting closed; a resident types the code from the letter.
    BudgetRound.objects.filter(pk=budget_round.pk).update(**dates_for("results"))
    _row, code = voting_code(budget_round)
    page.goto(budget_round.get_absolute_url())
    page.goto(f"/begroting/{budget_round.pk}/stemcode/?code={code}")
    expect(page.get_by_text("Het stemmen is gesloten.")).to_be_visible()
    expect(page.get_by_text(re.compile("De codes uit de brieven werken niet meer"))).to_be_visible()
    assert "Stemmen kan van" not in page.locator("main").inner_text()
    report += _axe(page, "code page, voting closed")
    page.get_by_role("link", name="Bekijk de ronde en de uitslag").click()
    expect(page.get_by_role("heading", name="Dorpsbudget Heikant", level=1)).to_be_visible()
    assert not report, report


def test_14_8_dutch_forms_offer_no_english_blank_and_nothing_checked(page):
    # A resident registers for a citizens' assembly with the code from the letter: radio lists.
    assembly = assembly_in("registration", title="Burgerberaad Groen")
    _invitation, code = add_invitation(assembly)
    page.goto(f"/loting/{assembly.pk}/aanmelden/?code={code}")
    expect(page.get_by_role("group", name="Geslacht")).to_be_visible()
    radios = page.locator("input[type=radio]")
    assert radios.count() == 4  # vrouw, man, jong, oud: no empty answer among them
    assert page.locator("input[type=radio][value='']").count() == 0
    assert page.locator("input[type=radio]:checked").count() == 0
    assert not ENGLISH_BLANK.search(page.content())
    report = _axe(page, "registration form")

    page.get_by_label("Naam", exact=True).fill("Fatima el Amrani")
    page.get_by_label("E-mailadres").fill("fatima@example.org")
    page.get_by_role("group", name="Geslacht").get_by_label("vrouw").check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.get_by_text("Kies een van de mogelijkheden.").first).to_be_visible()
    # What was chosen stays; what was not answered is still not checked.
    expect(page.get_by_role("group", name="Geslacht").get_by_label("vrouw")).to_be_checked()
    assert page.get_by_role("group", name="Leeftijd").locator("input:checked").count() == 0
    assert not ENGLISH_BLANK.search(page.content())
    assert "This field is required" not in page.content()
    report += _axe(page, "registration form with errors")

    # A resident posts in the neighbourhood network: the lists start on an empty choice in
    # Dutch, never on "Ik zoek" or "Hulp" as if the resident had chosen them.
    network = NetworkFactory(area__name="Heikant", area__slug="heikant")
    resident = UserFactory()
    log_in(page, resident.email, TEST_PASSWORD)
    page.goto(network.get_absolute_url())
    page.get_by_role("link", name="Plaats een bericht").click()
    chosen = "s => [s.value, s.options[s.selectedIndex].text]"
    kind, about = page.get_by_label("Wat voor bericht?"), page.get_by_label("Over", exact=True)
    assert kind.evaluate(chosen) == ["", "- Maak een keuze -"]
    assert about.evaluate(chosen) == ["", "- Maak een keuze -"]
    assert not ENGLISH_BLANK.search(page.content())
    report += _axe(page, "network post form")
    page.get_by_label("Titel").fill("Ladder te leen")
    page.get_by_label("Omschrijving").fill("Een ladder van vier meter.")
    page.get_by_role("button", name="Plaatsen").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(
        page.locator("[data-error-summary]").get_by_text(re.compile("Wat voor bericht"))
    ).to_be_visible()
    assert not Post.objects.exists()
    assert page.get_by_label("Titel").input_value() == "Ladder te leen"
    report += _axe(page, "network post form with errors")
    kind.select_option(label="Ik bied aan")
    about.select_option(label="Lenen")
    page.get_by_role("button", name="Plaatsen").click()
    expect(page.get_by_role("heading", name="Ladder te leen")).to_be_visible()
    post = Post.objects.get()
    assert (post.kind, post.category) == ("offer", "lending")
    assert not report, report


def test_14_12_euros_as_dutch_people_type_them_and_only_the_rounds_areas(page):
    # An initiative asks for "€ 1.500,50": read, stored to the cent and shown back so.
    resident = UserFactory(display_name="Kees Verhoeven")
    log_in(page, resident.email, TEST_PASSWORD)
    page.goto("/initiatieven/nieuw/")
    page.get_by_label("Naam van het initiatief").fill("Buurtmoestuin")
    page.get_by_label("Omschrijving").fill("Moestuinbakken op hoogte voor de buurt.")
    page.get_by_label(re.compile("^Gevraagd budget")).fill("€ 1.500,50")
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page.get_by_role("heading", name="Buurtmoestuin", level=1)).to_be_visible()
    expect(page.get_by_text("€\xa01.500,50")).to_be_visible()
    assert "1.501" not in page.locator("main").inner_text()
    assert str(Initiative.objects.get(title="Buurtmoestuin").requested_budget) == "1500.50"
    report = _axe(page, "initiative with a requested budget")

    # A village round: the proposal form offers the village and its district, nothing else.
    village = AreaFactory(name="Heikant")
    AreaFactory(name="Heikant-Noord", parent=village)
    AreaFactory(name="Oud-Veen")
    budget_round = RoundFactory(
        phase="proposals", title="Dorpsbudget Heikant", budget=25_000, area=village
    )
    page.goto(budget_round.get_absolute_url())
    click_to_load(page.get_by_role("link", name="Een voorstel insturen"))
    options = page.get_by_label("Dorp of wijk").locator("option").all_inner_texts()
    assert [o.strip() for o in options] == ["(overal)", "Heikant", "Heikant-Noord"], options
    report += _axe(page, "proposal form")

    # Budget rounds count whole euros: cents get a plain message and the text stays;
    # "€ 8.000,-" is read as eight thousand.
    page.get_by_label("Naam van uw voorstel").fill("Bankjes langs de vijver")
    page.get_by_label("Wat wilt u doen, waar, en voor wie?").fill("Vier bankjes voor ouderen.")
    cost = page.get_by_label("Wat kost het volgens u, in euro?")
    cost.fill("€ 1.500,50")
    page.get_by_label("Dorp of wijk").select_option(label="Heikant-Noord")
    page.get_by_role("button", name="Versturen").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(
        page.locator("[data-error-summary]").get_by_text(re.compile("hele euro"))
    ).to_be_visible()
    expect(cost).to_have_value("€ 1.500,50")
    report += _axe(page, "proposal form with errors")
    cost.fill("€ 8.000,-")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", name="Bankjes langs de vijver")).to_be_visible()
    expect(page.get_by_text("€\xa08.000").first).to_be_visible()
    proposal = Proposal.objects.get()
    assert proposal.cost_estimate == 8_000 and proposal.area.name == "Heikant-Noord"
    report += _axe(page, "proposal")
    assert not report, report
