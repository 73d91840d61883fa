"""axe-core checks (WCAG 2.1 A and AA) and a crawler over every page reachable from a start page."""

from __future__ import annotations

import hashlib
import re
import weakref
from collections import deque
from urllib.parse import urldefrag, urlsplit

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
# axe-core's own script, as the axe-playwright-python package ships it.
AXE_SCRIPT = Axe().axe_script
# What differs between two loads of the same page and has no bearing on accessibility: the
# CSRF token in each form (the CSP allows no inline script or style, so there is no nonce).
PER_REQUEST = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
_contexts_with_axe: weakref.WeakSet = weakref.WeakSet()

# Never followed by the crawler: they act instead of show (log out, download), serve files,
# or belong to Django's own admin (the beheerder back office; see the accessibility statement).
SKIP_PATHS = re.compile(
    r"^/(static|media|beheer|api)/|^/account/logout/|^/account/mijn-gegevens/|^/healthz"
    r"|[./](ics|pb|pdf|csv|ods|json)$|/documenten/\d+/|/bijlage/\d+/|/foto/\d+/"
)
# Pages of the same shape (e.g. /initiatieven/17/) are checked a few times, not thousands.
SAME_SHAPE_LIMIT = 2


def axe_violations(page) -> list[dict]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    # Only the violations cross back to Python: axe's whole result also lists every rule that
    # passed or did not apply, with its elements, a large answer to send back for each page.
    return page.evaluate(
        "options => axe.run(document, options).then(r => r.violations)", AXE_OPTIONS
    )


def page_fingerprint(page) -> str:
    """The same for two pages whose documents are the same apart from their CSRF tokens.
    axe-core then finds the same on both: it reads the document and its styles, not the
    address, and in one test the styles and the window size are the same. (Our pages have no
    iframes and no shadow DOM, which outerHTML would not show.)"""
    html = PER_REQUEST.sub("", page.evaluate("document.documentElement.outerHTML"))
    return hashlib.sha256(html.encode()).hexdigest()


def describe(url: str, violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = "; ".join(
            f"{' '.join(node['target'])} → {node['html'][:160]}" for node in violation["nodes"][:5]
        )
        lines.append(
            f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} — {targets}"
        )
    return "\n".join(lines)


def crawl(
    page, start: str = "/", limit: int = 400, audited: dict[str, list[dict]] | None = None
) -> dict[str, list[dict]]:
    """Visit every same-origin page reachable by links from `start`; axe-check each one.

    Returns {path: violations} for every page visited (violations empty when clean). A page
    whose document was checked before, in this crawl or in an earlier one sharing `audited`
    (another role seeing the same page), gets that check's violations without a second run:
    the crawls as every role were most of the test suite's time.
    """
    audited = {} if audited is None else audited
    if page.context not in _contexts_with_axe:
        # axe-core comes with every page (and frame) the context loads, instead of being
        # sent over for each page.
        page.context.add_init_script(AXE_SCRIPT)
        _contexts_with_axe.add(page.context)
    origin = urlsplit(page.url if page.url.startswith("http") else "").netloc
    queue, seen, shapes = deque([start]), {start}, {}
    results: dict[str, list[dict]] = {}
    while queue:
        path = queue.popleft()
        response = page.goto(path)
        assert response is not None and response.status < 400, (
            f"{path}: HTTP {response and response.status}"
        )
        origin = origin or urlsplit(page.url).netloc
        fingerprint = page_fingerprint(page)
        if fingerprint not in audited:
            audited[fingerprint] = axe_violations(page)
        results[path] = audited[fingerprint]
        assert len(results) <= limit, f"more than {limit} pages reachable: the crawl would not end"
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url, _fragment = urldefrag(href)
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or parts.netloc != origin:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or SKIP_PATHS.search(parts.path):
                continue
            shape = re.sub(r"\d+", "N", parts.path) + ("?" if parts.query else "")
            shapes[shape] = shapes.get(shape, 0) + 1
            seen.add(target)
            if shapes[shape] > SAME_SHAPE_LIMIT:
                continue
            queue.append(target)
    return results
