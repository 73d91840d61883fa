"""What every community page shares: the form page and the start page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from voorop.community import selectors
from voorop.community.models import Manifest


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    heading: str,
    back_url: str,
    back_label: str,
    button: str | None = None,
    intro: str = "",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    return render(
        request,
        "community/form_page.html",
        {
            "form": form,
            "heading": heading,
            "back_url": back_url,
            "back_label": back_label,
            "button": button or _("Save"),
            "intro": intro,
            **(context or {}),
        },
    )


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/index.html",
        {
            "councils": selectors.councils_list()[:10],
            "manifests": Manifest.objects.order_by("title")[:5],
            "agreements": selectors.agreements_list()[:6],
            "networks": selectors.networks_list()[:20],
        },
    )
