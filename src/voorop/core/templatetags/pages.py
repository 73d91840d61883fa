"""`{% load pages %}{% pagination page %}`: links to the previous and next page of a list,
keeping the filters of the current request (voorop.core.pagination)."""

from __future__ import annotations

from typing import Any

from django import template

from voorop.core.pagination import PAGE_PARAMETER, query_without_page

register = template.Library()


@register.inclusion_tag("core/partials/pagination.html", takes_context=True)
def pagination(context: template.Context, page: Any) -> dict[str, Any]:
    request = context.get("request")
    query = query_without_page(request) if request is not None else ""
    return {"page": page, "query": query, "parameter": PAGE_PARAMETER}
