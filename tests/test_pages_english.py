"""Issue 14.8: no English Django or allauth default text on any page a resident can reach;
issue 14.11: no Dutch sentence of ours on any page a resident reads in English.

The demo municipality is loaded into the test database; then every page reachable by links
from the home page (and from the log-in, sign-up and account pages) is visited as a
visitor, as the demo inwoner and as the demo initiatiefnemer, in Dutch. Every form with a
required field is also sent empty once, so the validation messages are checked too. A page
fails on any English default of Django or allauth (tests/english_defaults.py).

The same walk in English fails on any Dutch translation from Voorop's own catalogues
(tests/english_defaults.py, ``dutch_in``): a sentence the system wrote in Dutch and stored
(a timeline line, a label) instead of words chosen when the page is shown.
"""

from __future__ import annotations

import html
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from tests.english_defaults import dutch_in, english_in
from voorop.accounts.demo import demo_email
from voorop.accounts.models import User

pytestmark = pytest.mark.django_db

START = ["/", "/account/login/", "/account/signup/", "/account/password/reset/"]
SIGNED_IN_START = ["/account/profiel/", "/account/profiel/wijzigen/", "/account/meedoen/"]
# Not followed: the back office (staff only), files, and actions that end the visit.
SKIP = re.compile(
    r"^/(beheer|static|media)/|/logout/|/taal/|/verwijderen/|\.(pdf|csv|pb|json|ics|zip|svg)$"
)
MAX_PAGES = 600
MAX_PER_PATH = 3  # query-string variants of one path (filters, pages)
ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


class Page(HTMLParser):
    """The visible text (and text in attributes a screen reader reads), links and forms."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in ("script", "style"):
            self._skip += 1
        for name in ATTRIBUTES:
            if values.get(name):
                self.text.append(values[name])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        elif tag == "form":
            self.forms.append(
                {
                    "action": values.get("action", ""),
                    "method": values.get("method", "get").lower(),
                    "hidden": {},
                    "required": False,
                }
            )
        elif tag in ("input", "select", "textarea") and self.forms:
            form = self.forms[-1]
            if "required" in values:
                form["required"] = True
            if values.get("type") == "hidden" and values.get("name"):
                form["hidden"][values["name"]] = values.get("value", "")
            if values.get("type") in ("submit", "button") and values.get("value"):
                self.text.append(values["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)

    def visible_text(self) -> str:
        return " ".join(" ".join(html.unescape(t).split()) for t in self.text if t.strip())


def _local(base: str, href: str) -> str | None:
    url = urldefrag(urljoin(base, href)).url
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if SKIP.search(parts.path) else path


def crawl(client: Client, start: list[str], check=english_in) -> dict[str, list[str]]:
    """Visit every reachable page; what `check` found (English defaults), by URL."""
    found: dict[str, list[str]] = {}
    queue = deque(start)
    seen: set[str] = set(start)
    per_path: dict[str, int] = {}
    sent_forms: set[str] = set()
    visited = 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url, follow=True)
        visited += 1
        if "text/html" not in response.get("Content-Type", ""):
            continue
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        pages = [(url, response.content.decode())]
        page = Page()
        page.feed(pages[0][1])
        for form in page.forms:
            action = _local(final, form["action"] or final)
            if form["method"] != "post" or not form["required"] or action is None:
                continue
            if action in sent_forms or "/volgen/" in action:
                continue
            sent_forms.add(action)
            sent = client.post(action, form["hidden"], follow=True)
            if "text/html" in sent.get("Content-Type", ""):
                pages.append((f"{action} (sent empty)", sent.content.decode()))
        for where, content in pages:
            parsed = Page()
            parsed.feed(content)
            hits = check(parsed.visible_text())
            if hits:
                found[where] = hits
        for href in page.links:
            link = _local(final, href)
            if link is None or link in seen:
                continue
            path = urlsplit(link).path
            if per_path.get(path, 0) >= MAX_PER_PATH:
                continue
            per_path[path] = per_path.get(path, 0) + 1
            seen.add(link)
            queue.append(link)
    assert visited >= 10, f"only {visited} pages reached from {start}"
    return found


@pytest.mark.parametrize("role", ["visitor", "inwoner", "initiatiefnemer"])
def test_no_english_django_or_allauth_text_on_a_residents_pages(demo, role):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    start = list(START)
    if role != "visitor":
        client.force_login(User.objects.get(email=demo_email(role)))
        start = ["/", *SIGNED_IN_START, "/account/email/", "/account/password/change/"]
    found = crawl(client, start)
    report = "\n".join(f"{url}: {', '.join(hits)}" for url, hits in sorted(found.items()))
    assert not found, f"English on Dutch pages as {role}:\n{report}"


@pytest.mark.parametrize("role", ["visitor", "inwoner", "initiatiefnemer"])
def test_no_dutch_of_ours_on_a_residents_pages_in_english(demo, role):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    start = list(START)
    if role != "visitor":
        user = User.objects.get(email=demo_email(role))
        user.language = "en"
        user.save(update_fields=["language"])
        client.force_login(user)
        start = ["/", *SIGNED_IN_START, "/account/email/", "/account/password/change/"]
    found = crawl(client, start, check=dutch_in)
    report = "\n".join(f"{url}: {', '.join(hits)}" for url, hits in sorted(found.items()))
    assert not found, f"Dutch on English pages as {role}:\n{report}"
