"""Quotas: population figures, proposed quotas and quotas set by hand or from a file, with
the engine's check whether a group can meet them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from voorop.sortition import forms, selectors, texts
from voorop.sortition.views._common import get_assembly, login_or_403


@login_or_403
def quotas(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_assembly(request, pk, "sortition.manage_assembly")
    action = request.POST.get("action") if request.method == "POST" else None
    if action and not request.user.has_perm("sortition.set_quotas", assembly):
        raise PermissionDenied("sortition.set_quotas")
    page = forms.QuotaForms(assembly, action=action, data=request.POST, files=request.FILES)
    done = page.submit(actor=request.user)
    if done:
        messages.success(request, done)
        return redirect("sortition:quotas", pk=assembly.pk)
    report = selectors.feasibility(assembly)
    return render(
        request,
        "sortition/quotas.html",
        {
            "assembly": assembly,
            **page.context(),
            "composition": selectors.composition(assembly),
            "feasibility": report,
            "conflicts": [texts.conflict_text(c) for c in report.conflicts] if report else [],
            "relaxations": [texts.relaxation_text(r) for r in report.relaxations] if report else [],
            "can_edit": request.user.has_perm("sortition.set_quotas", assembly),
        },
    )
