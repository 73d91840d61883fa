"""The health probe answered before anything reads the Host header; request id for log
correlation, echoed in the X-Request-ID response header; the language cookie always sent with
its security flags."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from voorop.core.logging import request_id_var

logger = logging.getLogger("voorop.request")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class HealthProbeMiddleware:
    """``GET /healthz`` answered first, before any middleware validates the Host header.

    A container's HEALTHCHECK, a Kubernetes probe and a load balancer call the server by its
    address (127.0.0.1:8000, the pod's IP), never by the name in ALLOWED_HOSTS: through the
    whole stack they would get "400 Bad Request" and take a healthy server out. The answer
    says only whether the database answers, so it is safe for any Host.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/healthz" and request.method in ("GET", "HEAD"):
            from voorop.core.views import healthz  # views import the ORM: load on first probe

            return healthz(request)
        return self.get_response(request)


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class LanguageCookieMiddleware:
    """Whatever sets the language cookie (Django's set_language, a profile view, allauth),
    it goes out with the LANGUAGE_COOKIE_* flags: Secure (in production), HttpOnly and
    SameSite. A view that calls ``set_cookie`` by hand cannot forget them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie is not None:
            cookie["secure"] = bool(settings.LANGUAGE_COOKIE_SECURE)
            cookie["httponly"] = bool(settings.LANGUAGE_COOKIE_HTTPONLY)
            if settings.LANGUAGE_COOKIE_SAMESITE:
                cookie["samesite"] = settings.LANGUAGE_COOKIE_SAMESITE
        return response
