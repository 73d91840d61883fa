"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium tries Google's hosts at start-up on a machine with no internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _playwright() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls our tests make
    # between browser steps are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    # The live server speaks plain HTTP: secure cookies would never be sent back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    yield page
    context.close()
    # A page that breaks its own CSP or throws is a bug even when the test's steps passed.
    assert not errors, f"browser errors: {errors}"


def click_to_load(locator) -> None:
    """Click what loads a new page (a link, a form's button) and wait until that page has
    loaded. click() returns once the click is done, not once the page it leads to is there:
    whatever a test reads next (the page, its address, the database) would race the
    navigation, and lose on a busy machine."""
    with locator.page.expect_navigation():
        locator.click()


def log_in(page, email: str, password: str) -> None:
    page.goto("/account/login/")
    page.get_by_label(re.compile("E-mail", re.I)).fill(email)
    page.get_by_label(re.compile("Wachtwoord|Password", re.I)).first.fill(password)
    page.get_by_role("button", name=re.compile("^(Inloggen|Sign in)$", re.I)).click()
    # Wait until the browser has left the log-in page: reading page.url at once can race the
    # navigation on a loaded machine.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_url(lambda url: "/account/login/" not in url)
    except PlaywrightTimeout:
        raise AssertionError(f"log-in failed for {email}: still on {page.url}") from None
    if "/account/2fa/authenticate/" in page.url:
        # The second step of a beheerder: the demo's or the test factory's known key.
        from tests.accounts.factories import TEST_TOTP_SECRET, totp_code
        from voorop.accounts.demo import DEMO_DOMAIN, DEMO_TOTP_SECRET

        secret = DEMO_TOTP_SECRET if email.endswith(DEMO_DOMAIN) else TEST_TOTP_SECRET
        page.locator("input[name=code]").fill(totp_code(secret))
        click_to_load(page.locator("form[action$='/2fa/authenticate/'] button[type=submit]").first)


def log_out(page) -> None:
    """Log out with the header's button and wait for the page it leads to."""
    click_to_load(page.get_by_role("button", name="Uitloggen"))
