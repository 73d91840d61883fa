"""`{% load pages %}{% pagination page %}`: links to the previous and next page of a list,
keeping the filters (and other lists' pages) of the current request (voorop.core.pagination)."""

from __future__ import annotations

from typing import Any

from django import template

from voorop.core.pagination import PAGE_PARAMETER, query_without_page

register = template.Library()


@register.inclusion_tag("core/partials/pagination.html", takes_context=True)
def pagination(
    context: template.Context,
    page: Any,
    label: str = "",
    anchor: str = "",
) -> dict[str, Any]:
    """The links use the page's own parameter (``page_of(..., parameter=...)``). A page with
    several lists gives each a ``label`` (the navigation's name for screen readers) and an
    ``anchor`` (the id of the list's heading, so the next page opens at the list)."""
    parameter = getattr(page, "parameter", PAGE_PARAMETER)
    request = context.get("request")
    query = query_without_page(request, parameter) if request is not None else ""
    return {
        "page": page,
        "query": query,
        "parameter": parameter,
        "label": label,
        "anchor": f"#{anchor}" if anchor else "",
    }
