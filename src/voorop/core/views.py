from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from voorop.core import navigation


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
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means unhealthy
        return JsonResponse({"status": "error", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
