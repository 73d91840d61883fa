"""The crawler behind the accessibility test: it follows links, reports a violation on every
page that has it, and checks a document it has seen before only once."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import a11y

pytestmark = pytest.mark.django_db(transaction=True)

HOME = '<a href="/een/">een</a> <a href="/twee/">twee</a> <a href="/drie/">drie</a>'
# /een/ and /twee/ are the same document apart from the CSRF token; /drie/ is not.
SAME = (
    '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    '</form><img src="/x.png">'
)


def _document(body: str) -> str:
    return (
        '<!doctype html><html lang="nl"><head><title>Proef</title></head>'
        f"<body><main><h1>Proef</h1>{body}</main></body></html>"
    )


PAGES = {
    "/": _document(HOME),
    "/een/": _document(SAME.format(token="aaa")),
    "/twee/": _document(SAME.format(token="bbb")),
    "/drie/": _document('<p>Zonder fouten</p><a href="/">terug</a>'),
}


@pytest.fixture
def site(page):
    def answer(route):
        path = urlsplit(route.request.url).path
        if path in PAGES:
            route.fulfill(status=200, content_type="text/html", body=PAGES[path])
        else:
            route.fulfill(status=404, body="")

    page.route("**/*", answer)
    return page


def test_a_violation_is_reported_on_every_page_and_a_seen_document_checked_once(site, monkeypatch):
    checked = []
    check = a11y.axe_violations
    monkeypatch.setattr(
        a11y, "axe_violations", lambda page: checked.append(page.url) or check(page)
    )
    audited: dict[str, list[dict]] = {}

    results = a11y.crawl(site, "/", audited=audited)

    assert set(results) == {"/", "/een/", "/twee/", "/drie/"}
    for path in ("/een/", "/twee/"):
        assert [v["id"] for v in results[path]] == ["image-alt"], path
    assert results["/"] == results["/drie/"] == []
    assert len(checked) == 3  # /twee/ is /een/ again

    # A second crawl sharing what was checked (the next role) runs axe-core on nothing new,
    # except a page whose document changed.
    monkeypatch.setitem(PAGES, "/drie/", _document('<p>Anders</p><img src="/y.png">'))
    again = a11y.crawl(site, "/", audited=audited)
    assert len(checked) == 4
    assert checked[-1].endswith("/drie/")
    assert [v["id"] for v in again["/drie/"]] == ["image-alt"]
    assert {path: again[path] for path in ("/", "/een/", "/twee/")} == {
        path: results[path] for path in ("/", "/een/", "/twee/")
    }
    # axe-core came with the page from the context's init script (it was not sent over).
    site.goto("/")
    assert site.evaluate("typeof axe.run") == "function"
