"""Public pages, rendered once and shared by every visitor without a session (decision 0015).

Most visits to the public pages come from people who are not logged in and have done nothing
yet: they all see the same page. ``@for_visitors`` keeps that page in the shared cache
(voorop.core.cache) and serves it to the next such visitor without running the view::

    @page_cache.for_visitors(
        "initiatives.gallery", parts=lambda request: (cache.version("initiatives"),)
    )
    def gallery(request): ...

Only requests without a session cookie and without a flash message are served from or stored
in the cache: anyone logged in, holding a voting code or a guest sign-up in their session, or
about to see a message gets the view itself. The key holds the language, the full path (with
the page number and the filters), the release and the parts (the version of the data, which
the services renew when they change it). Per-visitor bits stay out of the stored page: the
CSRF token is rendered as a placeholder and replaced by the visitor's own token on every
response (which also sets the CSRF cookie, as the view would). ``fresh`` does the same for
other per-visitor values (a form's one-time key): the view renders a placeholder while
``rendering_for_cache(request)``, and every response gets a new value in its place. ``until``
says when a page changes by time alone (an event starts, a phase begins): the entry expires
then.

Each server process also keeps a copy of the pages it read from the shared cache in its own
memory (``settings.CACHES["pages"]``), until the shared entry itself expires: an entry's key
holds the version of its data, so the page under a key never changes, and the copy saves
reading a whole page from the shared cache on every visit (issue 13). The versions are
still read from the shared cache on every visit, so a change shows at once on every app
server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

import voorop
from voorop.core import cache
from voorop.core.pagination import PAGE_PARAMETER

logger = logging.getLogger(__name__)

# Rendered where the visitor's CSRF token goes (the `site` context processor puts it in
# the template context instead of the token while a page is rendered for the cache).
CSRF_PLACEHOLDER = "voorop-csrf-token-of-the-visitor"
_RENDERING_FOR_CACHE = "_voorop_rendering_for_cache"
HEADERS_KEPT = ("Content-Type", "Content-Language", "Cache-Control", "Vary")
# This process's own copies of shared pages (see the module's docstring).
LOCAL_ALIAS = "pages"


def enabled() -> bool:
    return bool(getattr(settings, "VOOROP_PAGE_CACHE", True))


def servable(request: HttpRequest) -> bool:
    """A GET by a visitor the page is the same for: no session (not logged in, no voting
    code or guest sign-up) and no flash message waiting."""
    return (
        enabled()
        and request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in request.COOKIES
    )


def rendering_for_cache(request: HttpRequest) -> bool:
    """The view is rendering the page to share: per-visitor values go in as placeholders."""
    return getattr(request, _RENDERING_FOR_CACHE, False)


def csrf_token_for_template(request: HttpRequest) -> dict[str, str]:
    """For the context processor: the placeholder while a page is rendered for the cache."""
    return {"csrf_token": CSRF_PLACEHOLDER} if rendering_for_cache(request) else {}


def for_visitors(
    namespace: str,
    *,
    parts: Callable[..., tuple[Any, ...]] | None = None,
    until: Callable[..., datetime | None] | None = None,
    timeout: int = cache.DEFAULT_TIMEOUT,
    params: Iterable[str] = (),
    choices: Mapping[str, Collection[str]] | None = None,
    page_params: Iterable[str] = (PAGE_PARAMETER,),
    fresh: Mapping[str, Callable[[], str]] | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Serve the view's page from the shared cache to visitors without a session.

    The query parameters the page reads: ``page_params``, page numbers (once each, a number
    without leading zeros); ``choices``, parameters with the only values the page shows
    (once each); ``params``, any other the page reads, with any value (filters). A request
    with any other parameter or value gets the view itself, uncached: made-up query strings
    fill the cache only as far as a page's free filters allow.

    ``parts(request, *args, **kwargs)``: what else the page depends on (the data's version);
    ``until(request, *args, **kwargs)``: when the page changes by time alone (None: never),
    asked only when the page is rendered; ``fresh``: placeholder → a function that makes the
    value each visitor gets in its place (a one-time key), on every response."""
    per_visitor = dict(fresh or {})

    allowed: dict[str, Collection[str] | None] = dict.fromkeys(params)
    for name, values in (choices or {}).items():
        if isinstance(values, str) or not isinstance(values, Collection):
            raise TypeError(f"choices[{name!r}] must be a collection of values")
        allowed[name] = values
    pages = frozenset(page_params)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not servable(request) or not _query_kept(request, allowed, pages):
                return view(request, *args, **kwargs)
            extra = parts(request, *args, **kwargs) if parts else ()
            name = (
                voorop.__version__,
                translation.get_language(),
                request.get_full_path(),
                request.headers.get("HX-Request") == "true",
                args,
                sorted(kwargs.items()),
                *extra,
            )
            rendered: list[HttpResponse] = []

            def render() -> dict[str, Any] | None:
                setattr(request, _RENDERING_FOR_CACHE, True)
                try:
                    response = view(request, *args, **kwargs)
                finally:
                    setattr(request, _RENDERING_FOR_CACHE, False)
                rendered.append(response)
                if response.status_code != 200 or response.streaming or response.cookies:
                    return None  # not a page to share: an error, a redirect, a cookie set
                changes = until(request, *args, **kwargs) if until is not None else None
                lifetime = _seconds_until(changes, timeout)
                return {
                    "content": response.content,
                    "headers": {h: response[h] for h in HEADERS_KEPT if h in response},
                    "lifetime": lifetime,
                    # when it expires, for the copies in each process
                    "expires": timezone.now().timestamp() + lifetime,
                }

            local_name = cache.key(namespace, *name)
            entry = caches[LOCAL_ALIAS].get(local_name)
            if entry is None:
                entry = cache.remember(
                    namespace, *name, compute=render, timeout=lambda e: e["lifetime"] if e else 0
                )
                # Only an entry read from the shared cache is copied (the next visit here
                # reads the one just rendered): while the shared cache is down, every version
                # is a new random one and a copy would never be read again.
                if entry is not None and not rendered:
                    _copy_here(local_name, entry)
            if entry is None:
                response = rendered[0]
                if not response.streaming:
                    response.content = _for_visitor(response.content, request, per_visitor)
                return response
            response = HttpResponse(_for_visitor(entry["content"], request, per_visitor))
            for header, value in entry["headers"].items():
                response[header] = value
            return response

        return wrapped

    return decorator


def _copy_here(local_name: str, entry: dict[str, Any]) -> None:
    """Keep a copy of a shared entry in this process, never longer than the shared entry
    (``until`` holds in every process). Entries of an older release have no moment."""
    seconds = entry.get("expires", 0) - timezone.now().timestamp()
    if seconds > 0:
        caches[LOCAL_ALIAS].set(local_name, entry, seconds)


def _query_kept(
    request: HttpRequest, allowed: Mapping[str, Collection[str] | None], pages: frozenset[str]
) -> bool:
    """Only the parameters the page reads, with values it can show, make a stored page."""
    for name, values in request.GET.lists():
        one = values[0] if len(values) == 1 else None
        if name in pages:
            kept = (
                one is not None
                and one.isascii()
                and one.isdigit()
                and len(one) <= 6
                and one == str(int(one))
            )
        elif name in allowed:
            choices = allowed[name]
            kept = choices is None or one in choices
        else:
            kept = False
        if not kept:
            return False
    return True


def _for_visitor(
    content: bytes, request: HttpRequest, fresh: Mapping[str, Callable[[], str]]
) -> bytes:
    """The stored page with this visitor's own CSRF token and fresh values."""
    if CSRF_PLACEHOLDER.encode() in content:
        content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    for placeholder, make in fresh.items():
        if placeholder.encode() in content:
            content = content.replace(placeholder.encode(), make().encode())
    return content


def _seconds_until(moment: datetime | None, timeout: int) -> int:
    if moment is None:
        return timeout
    return max(0, min(timeout, int((moment - timezone.now()).total_seconds())))
