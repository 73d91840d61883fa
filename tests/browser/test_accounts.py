"""A resident signs up, verifies the e-mail address, logs in and out, switches language and
downloads their data, in a real browser."""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.accounts.factories import TEST_PASSWORD, UserFactory, totp_code
from tests.browser.a11y import axe_violations
from tests.browser.conftest import click_to_load, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_verify_email_and_arrive_logged_in(page):
    page.goto("/")
    page.get_by_role("link", name="Account aanmaken").first.click()
    page.get_by_label("E-mailadres").fill("nieuwe.inwoner@example.org")
    page.get_by_label("Wachtwoord", exact=True).fill(TEST_PASSWORD)
    page.locator("#id_password2").fill(TEST_PASSWORD)  # its label wording belongs to allauth
    page.get_by_label("Uw naam").fill("Nieuwe Inwoner")
    click_to_load(page.get_by_role("button", name="Account aanmaken"))
    expect(page).to_have_url(re.compile("/account/confirm-email/"))

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    click_to_load(page.get_by_role("button", name=re.compile("Bevestig", re.I)))
    expect(page.get_by_role("heading", name="Mijn account")).to_be_visible()
    expect(page.get_by_text("nieuwe.inwoner@example.org", exact=True)).to_be_visible()


def test_log_in_and_out(page):
    user = UserFactory(display_name="Lotte Log")
    log_in(page, user.email, TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Mijn account")).to_be_visible()
    log_out(page)
    # allauth asks nothing more on POST; the header offers log-in again.
    page.goto("/")
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()


def test_wrong_password_shows_error_and_keeps_email(page):
    user = UserFactory()
    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").first.fill("helemaal-fout")
    page.get_by_role("button", name="Inloggen").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert summary.evaluate("el => el === document.activeElement")  # focus moved to it
    assert page.get_by_label("E-mailadres").input_value() == user.email


def test_language_switch_as_visitor_and_remembered_for_user(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    click_to_load(page.get_by_role("button", name="English"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Residents take")
    click_to_load(page.get_by_role("button", name="Nederlands"))
    assert page.locator("html").get_attribute("lang") == "nl"

    user = UserFactory()
    log_in(page, user.email, TEST_PASSWORD)
    click_to_load(page.get_by_role("button", name="English"))
    user.refresh_from_db()
    assert user.language == "en"


def test_download_personal_data(page, tmp_path):
    user = UserFactory(display_name="Dirk Download", birth_year=1964)
    log_in(page, user.email, TEST_PASSWORD)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Mijn gegevens downloaden").click()
    download = download_info.value
    assert download.suggested_filename == "voorop-mijn-gegevens.json"
    target = tmp_path / "data.json"
    download.save_as(target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["account"]["email"] == user.email
    assert data["account"]["display_name"] == "Dirk Download"
    assert data["account"]["birth_year"] == 1964


def test_a_beheerder_is_guided_to_set_up_two_step_verification(page):
    beheerder = UserFactory(roles=["beheerder"], roles__two_factor=False)
    log_in(page, beheerder.email, TEST_PASSWORD)
    assert page.url.endswith("/account/tweestapsverificatie/")
    expect(page.get_by_role("heading", name="Stel eerst tweestapsverificatie in")).to_be_visible()
    assert axe_violations(page) == []
    click_to_load(page.get_by_role("link", name="Tweestapsverificatie instellen"))
    if "/reauthenticate/" in page.url:  # allauth asks for the password once more
        page.get_by_label(re.compile("Wachtwoord", re.I)).first.fill(TEST_PASSWORD)
        click_to_load(page.locator("form[action$='/reauthenticate/'] button[type=submit]"))
    expect(page).to_have_url(re.compile("/2fa/totp/activate/"))
    assert axe_violations(page) == []
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(totp_code(secret))
    click_to_load(page.locator("form[action$='/2fa/totp/activate/'] button[type=submit]"))
    expect(page).to_have_url(re.compile("/2fa/recovery-codes/"))
    assert axe_violations(page) == []
    page.goto("/beheer/")
    assert page.url.endswith("/beheer/")
