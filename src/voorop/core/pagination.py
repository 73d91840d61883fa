"""Every list is paginated: one page size, one query parameter ("pagina") and one piece of
markup (``{% load pages %}{% pagination page %}``) for every app.

A page reads ``per_page`` rows plus one ``COUNT``; pass a queryset ordered on an index, not a
list, so that a page never reads the whole table.

A page with two or more lists gives each its own parameter, so that paging one leaves the
others where they were: ``page_of(request, updates, parameter="pagina_berichten")`` and
``{% pagination updates label=_("Pages of updates") anchor="updates" %}`` (the page knows its
parameter).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_PARAMETER = "pagina"
PAGE_SIZE = 25


def page_of(
    request: HttpRequest,
    items: Any,
    per_page: int = PAGE_SIZE,
    parameter: str = PAGE_PARAMETER,
) -> Page:
    """The page of ``items`` the request asks for (in ``parameter``); a page number that is
    not a number or is past the end gives the first or the last page (never an error)."""
    page = Paginator(items, per_page).get_page(request.GET.get(parameter))
    page.parameter = parameter  # type: ignore[attr-defined]  # for {% pagination page %}
    return page


def query_without_page(request: HttpRequest, parameter: str = PAGE_PARAMETER) -> str:
    """The request's query string without this list's page number, for the links to its
    other pages (so that the filters and the pages of other lists stay as they are)."""
    query = request.GET.copy()
    query.pop(parameter, None)
    return query.urlencode()
