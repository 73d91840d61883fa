"""Every list is paginated: one page size, one query parameter ("pagina") and one piece of
markup (``{% load pages %}{% pagination page %}``) for every app.

A page reads ``per_page`` rows plus one ``COUNT``; pass a queryset ordered on an index, not a
list, so that a page never reads the whole table.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_PARAMETER = "pagina"
PAGE_SIZE = 25


def page_of(request: HttpRequest, items: Any, per_page: int = PAGE_SIZE) -> Page:
    """The page of ``items`` the request asks for; a page number that is not a number or is
    past the end gives the first or the last page (never an error)."""
    return Paginator(items, per_page).get_page(request.GET.get(PAGE_PARAMETER))


def query_without_page(request: HttpRequest) -> str:
    """The request's query string without the page number, for the links to other pages
    (so that the filters stay as they are)."""
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    return query.urlencode()
