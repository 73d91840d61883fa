"""The selection: fixing the seed, computing everyone's chance (polled while it runs,
stoppable) and drawing the group."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.sortition import forms, selectors, services
from voorop.sortition.models import Algorithm, Selection
from voorop.sortition.views._common import get_assembly, login_or_403


@login_or_403
def selection(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_assembly(request, pk, "sortition.manage_assembly")
    action = request.POST.get("action") if request.method == "POST" else None
    seed_form = forms.SeedForm(request.POST if action == "seed" else None, prefix="seed")
    selection_form = forms.SelectionForm(
        request.POST if action == "compute" else None, prefix="selection"
    )
    if action == "seed" and seed_form.is_valid():
        try:
            services.seed_fix(
                actor=request.user,
                assembly=assembly,
                seed=seed_form.cleaned_data["seed"],
                source=seed_form.cleaned_data["source"],
            )
        except ValidationError as error:
            seed_form.add_error("seed", error)
        else:
            messages.success(request, _("The seed has been fixed."))
            return redirect("sortition:selection", pk=assembly.pk)
    elif action == "compute" and selection_form.is_valid():
        try:
            services.selection_start(
                actor=request.user,
                assembly=assembly,
                algorithm=selection_form.cleaned_data["algorithm"],
            )
        except ValidationError as error:
            selection_form.add_error(None, error)
        else:
            return redirect("sortition:selection", pk=assembly.pk)
    elif action == "draw":
        try:
            services.panel_draw(actor=request.user, assembly=assembly)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The group has been drawn. The people drawn get an e-mail.")
            )
            return redirect("sortition:panel", pk=assembly.pk)
        return redirect("sortition:selection", pk=assembly.pk)
    latest = selectors.latest_selection(assembly)
    return render(
        request,
        "sortition/selection.html",
        {
            "assembly": assembly,
            "seed_form": seed_form,
            "selection_form": selection_form,
            "selection": latest,
            "respondent_count": assembly.respondents.count(),
            "algorithms": Algorithm,
            "has_errors": bool(seed_form.errors or selection_form.errors),
            "may_retry": request.user.has_perm("sortition.compute_selection", assembly),
        },
    )


@login_or_403
def selection_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress block alone, polled by htmx while the computation runs."""
    assembly = get_assembly(request, pk, "sortition.manage_assembly")
    return render(
        request,
        "sortition/partials/selection_status.html",
        {
            "assembly": assembly,
            "selection": selectors.latest_selection(assembly),
            "polled": True,
            "may_retry": request.user.has_perm("sortition.compute_selection", assembly),
        },
    )


@require_POST
@login_or_403
def selection_cancel(request: HttpRequest, pk: int, selection_pk: int) -> HttpResponse:
    the_selection = get_object_or_404(Selection, pk=selection_pk, assembly_id=pk)
    services.selection_cancel(actor=request.user, selection=the_selection)
    messages.success(request, _("The computation is being stopped."))
    return redirect("sortition:selection", pk=pk)


@require_POST
@login_or_403
def selection_retry(request: HttpRequest, pk: int, selection_pk: int) -> HttpResponse:
    """The "try again" button of a failed computation."""
    assembly = get_assembly(request, pk, "sortition.manage_assembly")
    the_selection = get_object_or_404(Selection, pk=selection_pk, assembly=assembly)
    try:
        again = services.selection_retry(actor=request.user, selection=the_selection)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if again:
            messages.success(request, _("The computation starts again."))
    return redirect("sortition:selection", pk=pk)
