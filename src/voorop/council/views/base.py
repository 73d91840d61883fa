"""What every council page shares: the form page, the one create-or-change view for
dossiers, decisions and events, and the council's start page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from voorop.core.forms import posted
from voorop.core.permissions import permission_required
from voorop.council import selectors


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    heading: str,
    back_url: str,
    back_label: str,
    button: str | None = None,
    intro: str = "",
    summary: str = "",
    multipart: bool = False,
) -> HttpResponse:
    return render(
        request,
        "council/form_page.html",
        {
            "form": form,
            "heading": heading,
            "back_url": back_url,
            "back_label": back_label,
            "button": button or _("Save"),
            "intro": intro,
            "summary": summary,
            "multipart": multipart,
        },
    )


def edit_view(
    *,
    permission: str,
    model: type[Model],
    form_class: type[ModelForm],
    save: Callable[[Any, Any, dict[str, Any]], Any],
    saved_message: str,
    new_heading: str,
    change_heading: str,
    list_url: str,
    list_label: str,
) -> Callable[..., HttpResponse]:
    """A view that creates (no pk) or changes (pk) one object with a model form and saves it
    through `save(actor, instance_or_None, cleaned_data)`, a service."""

    @permission_required(permission)
    def view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
        instance: Any = get_object_or_404(model, pk=pk) if pk else None
        form = form_class(posted(request), instance=instance)
        if request.method == "POST" and form.is_valid():
            saved = save(request.user, instance, form.cleaned_data)
            messages.success(request, str(saved_message))
            return redirect(saved)
        return form_page(
            request,
            form,
            heading=str(change_heading if instance else new_heading),
            back_url=instance.get_absolute_url() if instance else reverse(list_url),
            back_label=str(instance) if instance else str(list_label),
        )

    return view


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "council/index.html",
        {
            "events": selectors.events_upcoming()[:3],
            "decisions": selectors.decisions_visible_to(request.user)[:5],
            "dossiers": selectors.dossiers_visible_to(request.user)[:5],
        },
    )
