"""Every list is paginated: one page size, one query parameter ("pagina") and one piece of
markup (``{% load pages %}{% pagination page %}``) for every app.

A page reads ``per_page`` rows plus one ``COUNT``; pass a queryset ordered on an index, not a
list, so that a page never reads the whole table. The first page of a queryset reads one row
more than a page instead: when that row is not there, the list fits on one page and its rows
are its count, so most short lists (a desk officer's tasks, a round's proposals) cost one
statement instead of two (issue 13).

A page with two or more lists gives each its own parameter, so that paging one leaves the
others where they were: ``page_of(request, updates, parameter="pagina_berichten")`` and
``{% pagination updates label=_("Pages of updates") anchor="updates" %}`` (the page knows its
parameter).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
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
    number = request.GET.get(parameter)
    paginator = Paginator(items, per_page)
    if isinstance(items, QuerySet) and number in (None, "", "1"):
        page = _first_page(paginator, items, per_page)
    else:
        page = paginator.get_page(number)
    page.parameter = parameter  # type: ignore[attr-defined]  # for {% pagination page %}
    return page


def _first_page(paginator: Paginator, items: QuerySet, per_page: int) -> Page:
    # Holds because a page has no orphans (rows of a short last page moved onto the page
    # before it): with orphans, a list one row longer could still fit on the first page.
    rows = list(items[: per_page + 1])
    if len(rows) <= per_page:
        # Paginator.count is a cached property: what it would count is known.
        paginator.__dict__["count"] = len(rows)
    return Page(rows[:per_page], 1, paginator)


def query_without_page(request: HttpRequest, parameter: str = PAGE_PARAMETER) -> str:
    """The request's query string without this list's page number, for the links to its
    other pages (so that the filters and the pages of other lists stay as they are)."""
    query = request.GET.copy()
    query.pop(parameter, None)
    return query.urlencode()
