"""What every response of the open data API carries (NL GOV API Design Rules, decision
0022): the ``API-Version`` header, CORS for reading, an ETag with conditional requests
(``If-None-Match`` → 304), a rate limit per client counted in the shared cache
(voorop.core.throttle.RateLimit) and errors as ``application/problem+json`` (RFC 9457)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from voorop.core import throttle
from voorop.core.replica import reads_from_replica

API_VERSION = "1.0.0"
PROBLEM_TYPE = "application/problem+json"
READ_METHODS = ("GET", "HEAD")


def rate_limit() -> throttle.RateLimit:
    # Counted in the shared cache: a read writes no database row (review F4).
    return throttle.RateLimit(
        "api.read",
        limit=getattr(settings, "VOOROP_API_RATE_LIMIT", 1000),
        window=timedelta(hours=1),
    )


def problem(
    request: HttpRequest, status: int, title: str, detail: str, **extra: Any
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_TYPE
    )
    return with_headers(response)


def with_headers(response: HttpResponse) -> HttpResponse:
    response["API-Version"] = API_VERSION
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "API-Version, ETag, Retry-After"
    return response


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _matches(header: str, etag: str) -> bool:
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or etag in tags


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wraps every view of the API (see urls.py)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, Accept"
            response["Access-Control-Max-Age"] = "86400"
            return with_headers(response)
        if request.method not in READ_METHODS:
            response = problem(request, 405, "Method not allowed", "This API only reads: use GET.")
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        attempt = rate_limit().hit(throttle.client_key(request))
        if attempt.refused:
            seconds = int(attempt.retry_after.total_seconds()) if attempt.retry_after else 60
            response = problem(
                request,
                429,
                "Too many requests",
                f"Too many requests from your address. Try again in {seconds} seconds.",
            )
            response["Retry-After"] = str(seconds)
            return response
        # Open data may be seconds old (it is cached for a minute anyway): read from the
        # replica when there is one (DATABASE_REPLICA_URL).
        with reads_from_replica():
            response = view(request, *args, **kwargs)
        if response.status_code == 200 and not getattr(response, "streaming", False):
            etag = _etag(response.content)
            response["ETag"] = etag
            response["Cache-Control"] = "public, max-age=60"
            if _matches(request.headers.get("If-None-Match", ""), etag):
                not_modified = HttpResponse(status=304)
                not_modified["ETag"] = etag
                not_modified["Cache-Control"] = response["Cache-Control"]
                return with_headers(not_modified)
        return with_headers(response)

    return wrapped
