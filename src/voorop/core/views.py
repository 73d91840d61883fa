from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from voorop.core import navigation, page_cache, permissions

logger = logging.getLogger(__name__)


# The same for every visitor; it changes only with a new release (part of every page key).
@page_cache.for_visitors("core.home", page_params=())
def home(request: HttpRequest) -> HttpResponse:
    instruments = [i for i in navigation.items_for(request, "main") if i["description"]]
    return render(request, "core/home.html", {"instruments": instruments})


# The statements are long legal prose, so each language has its own template instead of
# hundreds of translated fragments.
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, _localised("core/accessibility"))


def privacy_statement(request: HttpRequest) -> HttpResponse:
    return render(request, _localised("core/privacy"))


def _localised(stem: str) -> str:
    return f"{stem}_{'en' if translation.get_language() == 'en' else 'nl'}.html"


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means unhealthy
        return JsonResponse({"status": "error", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# Error pages (handler400/403/404/500 in voorop.urls). 400, 403 and 404 show the site's
# layout with its menus; the 500 page is rendered from a plain template without the
# database or the request (the error may be the database), in the language that was active.


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Only a refusal about a role says "your account does not have the role": one about the
    # phase or whose object it is (voting closed, someone else's challenge) says it is not
    # allowed now, and why that may be.
    context = {"refused_for_a_role": permissions.refused_for_a_role(exception)}
    return _error_page(request, "403.html", status=403, context=context)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_plain_error_page(), status=500)


def _error_page(
    request: HttpRequest, template: str, *, status: int, context: dict | None = None
) -> HttpResponse:
    try:
        return render(request, template, context, status=status)
    except Exception:  # the layout needs the database; show the plain page without it
        logger.exception("error page rendered without the layout", extra={"status": status})
        return HttpResponse(_plain_error_page(status), status=status)


def _plain_error_page(status: int = 500) -> str:
    return loader.get_template("500.html").render(
        {
            "municipality_name": settings.VOOROP_MUNICIPALITY_NAME,
            "LANGUAGE_CODE": translation.get_language() or settings.LANGUAGE_CODE,
            "status": status,
        }
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent after its page grew stale (or with cookies off)."""
    return _error_page(request, "403_csrf.html", status=403)
