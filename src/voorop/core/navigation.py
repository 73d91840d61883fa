"""The site navigation, which each domain app extends from its AppConfig.ready().

An app registers its entries once; the header shows the entries the current user may see.
Keeping this a registry (not a template every app edits) lets apps land independently.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    # Shown on the home page, which explains in plain language what one can do.
    description: str | Promise = ""
    order: int = 100
    visible: Callable[[object], bool] = lambda user: True
    # Which menu: "main" is the public navigation, "staff" the work menu of staff roles.
    menu: str = "main"


_registry: list[NavItem] = []


def register(item: NavItem) -> None:
    if any(existing.url_name == item.url_name for existing in _registry):
        return
    _registry.append(item)
    _in_order.cache_clear()


# Every page asks for both menus (issue 13): the order of the entries (by their translated
# labels) is worked out once per language and menu, and each entry's address once per URL
# configuration and script prefix, instead of about thirty reverse() calls per page.
@functools.cache
def _in_order(menu: str, language: str | None) -> tuple[NavItem, ...]:
    ordered = sorted(_registry, key=lambda i: (i.order, str(i.label)))
    return tuple(item for item in ordered if item.menu == menu)


@functools.lru_cache(maxsize=256)
def _address(url_name: str, urlconf: str | None, prefix: str) -> str:
    return reverse(url_name, urlconf=urlconf)


def _url(url_name: str) -> str:
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _address(url_name, urlconf, get_script_prefix())


def items_for(request: HttpRequest, menu: str = "main") -> list[dict[str, object]]:
    user = getattr(request, "user", None)
    entries = []
    for item in _in_order(menu, translation.get_language()):
        if not item.visible(user):
            continue
        url = _url(item.url_name)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        entries.append(
            {
                "label": item.label,
                "url": url,
                "current": current,
                "description": item.description,
            }
        )
    return entries
