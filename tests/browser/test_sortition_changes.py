"""Citizens' assemblies in a real browser, after the draw and around registration:
housemates register with one letter, quotas are uploaded with min_flex/max_flex, a drop-out
no reserve can replace is filled by lot, the organiser downloads the group, and the report
publishes the change and the pool file; registration is reopened and a paper reply typed in
after the close is refused with what was typed kept. Every page has zero axe-core
violations."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import log_in
from tests.sortition.factories import add_invitation, assembly_in, organiser
from tests.sortition.test_open_seats import _drawn
from voorop.sortition import services

pytestmark = pytest.mark.django_db(transaction=True)


def _no_violations(page, name: str) -> None:
    if page.locator(".messages").count():
        # As in test_sortition.py: check the page itself without the flash message.
        page.goto(page.url)
    violations = axe_violations(page)
    assert not violations, describe(name, violations)


def _download(page, link_name) -> tuple[str, str]:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    download = info.value
    return download.suggested_filename, open(download.path(), encoding="utf-8-sig").read()


def test_housemates_register_and_quotas_are_uploaded(page):
    assembly = assembly_in("registration", people_per_letter=2)
    _invitation, code = add_invitation(assembly)
    clerk = organiser(assembly)

    # Two residents of one address register with the same letter; a third time is refused.
    for name in ("Sanne Bakker", "Joost Bakker", "Joost Bakker"):
        page.goto(f"/loting/{assembly.pk}/aanmelden/?code={code}")
        page.get_by_label("Naam", exact=True).fill(name)
        page.get_by_label("E-mailadres").fill(f"{name.split()[0].lower()}@example.org")
        page.get_by_role("group", name="Geslacht").get_by_label("vrouw").check()
        page.get_by_role("group", name="Leeftijd").get_by_label("oud").check()
        page.get_by_label("Ik vind het goed").check()
        page.get_by_role("button", name="Aanmelden").click()
        if name == "Sanne Bakker":
            expect(page.get_by_role("heading", name="U bent aangemeld")).to_be_visible()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.get_by_text("met deze naam heeft zich al aangemeld").first).to_be_visible()
    expect(page.get_by_text(re.compile("Hoogstens 2 mensen per brief"))).to_be_visible()
    assert page.get_by_label("Naam", exact=True).input_value() == "Joost Bakker"
    _no_violations(page, "registration, housemate refused")
    assert assembly.respondents.filter(invitation__respondent__name="Sanne Bakker").exists()

    # Quotas from a categories file with the engine's flex columns.
    log_in(page, clerk.email, TEST_PASSWORD)
    page.goto(f"/loting/{assembly.pk}/quota/")
    page.get_by_label("Quota (CSV)").set_input_files(
        {
            "name": "categories.csv",
            "mimeType": "text/csv",
            "buffer": b"feature,value,min,max,min_flex,max_flex\n"
            b"Geslacht,vrouw,3,3,2,4\nGeslacht,man,1,2,0,3\n",
        }
    )
    page.get_by_role("button", name="De quota uploaden").click()
    expect(page.get_by_text(re.compile("De quota zijn ingelezen"))).to_be_visible()
    expect(page.get_by_text(re.compile("min_flex, max_flex worden niet gebruikt"))).to_be_visible()
    assert page.get_by_label("Minimum voor Geslacht: vrouw").input_value() == "3"
    _no_violations(page, "quotas uploaded")
    page.get_by_label("Quota (CSV)").set_input_files(
        {"name": "q.csv", "mimeType": "text/csv", "buffer": b"feature,value,min,max\nX,y,1,2\n"}
    )
    page.get_by_role("button", name="De quota uploaden").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.get_by_text(re.compile("Regel 2: “X: y”")).first).to_be_visible()
    _no_violations(page, "quota upload errors")


def test_open_seat_by_lot_export_and_report(page):
    assembly, clerk, young_woman = _drawn()
    log_in(page, clerk.email, TEST_PASSWORD)
    page.goto(f"/loting/{assembly.pk}/gelote-groep/")
    _no_violations(page, "panel")

    # The organiser downloads the group and the reserves.
    filename, text = _download(page, re.compile("De groep, de reserves en de afmeldingen"))
    assert filename == f"gelote-groep-{assembly.pk}.csv"
    assert young_woman.name in text and "Reserve" in text

    # A drop-out no reserve can replace: the page says why and offers the ways out.
    page.get_by_role("button", name=f"{young_woman.name} meldt zich af").click()
    expect(page.get_by_role("heading", name=re.compile("Open plek: Lid 0"))).to_be_visible()
    expect(page.get_by_text(re.compile("Geslacht: vrouw zou dalen tot 1")).first).to_be_visible()
    _no_violations(page, "open seat")
    page.get_by_label(re.compile("De plek blijft leeg")).check()
    page.get_by_role("button", name="De afwijking accepteren").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.get_by_text("Vink het vakje aan").first).to_be_visible()
    assert page.get_by_label(re.compile("De plek blijft leeg")).is_checked()
    _no_violations(page, "open seat, deviation not ticked")
    page.get_by_role("button", name="Een vervanger loten").click()
    expect(page.get_by_text(re.compile("neemt de plek in en krijgt een e-mail"))).to_be_visible()
    expect(page.get_by_text(re.compile("is geloot uit de andere aanmeldingen"))).to_be_visible()
    _no_violations(page, "panel after the draw from the pool")

    # Publish with the pool file; the report shows the change and serves the files.
    assert page.get_by_label(re.compile("Publiceer ook de aanmeldingen zonder namen")).is_checked()
    page.get_by_role("button", name="Het verslag publiceren").click()
    expect(page.get_by_role("heading", name="Wijzigingen in de groep na de loting")).to_be_visible()
    expect(page.get_by_text(re.compile("is door loting gekozen uit de 2 inwoners"))).to_be_visible()
    _no_violations(page, "report with changes and files")
    filename, text = _download(page, f"Download aanmeldingen-{assembly.pk}.csv")
    assert text.splitlines()[0] == "pseudoniem,Geslacht,Leeftijd"
    assert young_woman.name not in text and young_woman.pseudonym in text
    expect(page.get_by_text(re.compile("Hetzelfde: de bestanden bevatten precies"))).to_be_visible()


def test_reopen_registration_and_a_paper_reply_after_the_close(page):
    assembly = assembly_in("computed")
    _invitation, code = add_invitation(assembly)
    clerk = organiser(assembly)
    log_in(page, clerk.email, TEST_PASSWORD)

    # Registration is closed: a paper reply is refused, and what was typed stays.
    page.goto(f"/loting/{assembly.pk}/papieren-aanmelding/")
    expect(page.get_by_text(re.compile("Aanmelden is gesloten op"))).to_be_visible()
    _no_violations(page, "paper reply, registration closed")

    # Reopening says that the chances computed so far are discarded.
    page.goto(f"/loting/{assembly.pk}/selectie/")
    _no_violations(page, "selection, chances computed")
    page.get_by_role("link", name="Aanmelden weer openen").click()
    expect(page.get_by_text(re.compile(r"al berekend zijn \(1 berekening\)"))).to_be_visible()
    _no_violations(page, "reopen registration")
    page.get_by_role("button", name="Aanmelden weer openen").click()
    expect(page.get_by_text(re.compile("Het aanmelden is weer open"))).to_be_visible()
    expect(page.get_by_role("link", name="Aanmelden sluiten", exact=True)).to_be_visible()

    # The paper form, filled in while open, posted after a close in another tab.
    page.goto(f"/loting/{assembly.pk}/papieren-aanmelding/")
    page.get_by_label("Code uit de brief").fill(code)
    page.get_by_label("Naam", exact=True).fill("Gerrit Post")
    page.get_by_label("Telefoonnummer").fill("0612345678")
    page.get_by_role("group", name="Geslacht").get_by_label("man").check()
    page.get_by_role("group", name="Leeftijd").get_by_label("oud").check()
    page.get_by_label("De inwoner gaat akkoord").check()
    assembly.refresh_from_db()
    services.registration_close(actor=clerk, assembly=assembly)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(
        page.get_by_role("alert").get_by_text(re.compile("Er is niets vastgelegd"))
    ).to_be_visible()
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Gerrit Post")
    expect(page.get_by_label("Code uit de brief")).to_have_value(code)
    _no_violations(page, "paper reply refused after the close")
    assert not assembly.respondents.filter(name="Gerrit Post").exists()
