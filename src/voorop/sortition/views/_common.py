"""What the views of every stage share: the assembly with a permission check, the login
redirect for staff pages, respondents with their values in order, and CSV downloads."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from voorop.sortition.models import Assembly, Respondent

View = Callable[..., HttpResponse]


def with_values(assembly: Assembly, rows: Iterable[Respondent]) -> list[Respondent]:
    """Each respondent's feature values in the order of the assembly's features."""
    rows = list(rows)
    for respondent in rows:
        respondent.values = [respondent.features.get(n, "") for n in assembly.feature_names]
    return rows


def get_assembly(request: HttpRequest, pk: int, permission: str) -> Assembly:
    """The assembly, if the user has `permission` on it (404 if there is none, else 403)."""
    assembly = get_object_or_404(Assembly, pk=pk)
    if not request.user.has_perm(permission, assembly):
        raise PermissionDenied(permission)
    return assembly


def login_or_403(view: View) -> View:
    """Visitors are sent to log in; signed-in users without the right get a 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def csv_download(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
