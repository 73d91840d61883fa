"""What the API's operations share: the query parameters of a page and an id, a page of
items, and a problem raised to answer with (api.py turns it into application/problem+json)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from ninja import Path, Query

MAX_PAGE_SIZE = 100


class Problem(Exception):
    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


PAGE = Query(1, ge=1, le=100_000, description="Page number, from 1.")
PAGE_SIZE = Query(20, ge=1, le=MAX_PAGE_SIZE, alias="pageSize", description="Items per page.")
ID = Path(..., ge=1, le=2_147_483_647, description="The id.")


def page(
    items: QuerySet | list, page: int, page_size: int, convert: Callable[[Any], Any]
) -> dict[str, Any]:
    count = items.count() if isinstance(items, QuerySet) else len(items)
    pages = max(1, math.ceil(count / page_size))
    if page > pages:
        raise Problem(404, "Not found", f"There are {pages} pages.")
    start = (page - 1) * page_size
    rows = items[start : start + page_size]
    return {
        "count": count,
        "page": page,
        "pageSize": page_size,
        "pages": pages,
        "items": [convert(row) for row in rows],
    }
