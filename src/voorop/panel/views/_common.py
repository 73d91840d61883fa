from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from voorop.panel.models import Consultation, Panel

View = Callable[..., HttpResponse]


def login_or_403(view: View) -> View:
    """Visitors are sent to log in; signed-in users without the right get a 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def get_panel(request: HttpRequest, pk: int, permission: str) -> Panel:
    panel = get_object_or_404(Panel, pk=pk)
    if not request.user.has_perm(permission, panel):
        raise PermissionDenied(permission)
    return panel


def get_consultation(request: HttpRequest, pk: int, permission: str) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("panel"), pk=pk)
    if not request.user.has_perm(permission, consultation):
        raise PermissionDenied(permission)
    return consultation


def attachment(content: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
