"""The site navigation, which each domain app extends from its AppConfig.ready().

An app registers its entries once; the header shows the entries the current user may see.
Keeping this a registry (not a template every app edits) lets apps land independently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
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


def items_for(request: HttpRequest, menu: str = "main") -> list[dict[str, object]]:
    user = getattr(request, "user", None)
    entries = []
    for item in sorted(_registry, key=lambda i: (i.order, str(i.label))):
        if item.menu != menu or not item.visible(user):
            continue
        url = reverse(item.url_name)
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
