"""Assemblies: the public list and page, and for staff the work list, creating and
changing an assembly, and the overview of its steps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from voorop.core.forms import posted
from voorop.core.permissions import permission_required
from voorop.sortition import forms, selectors, services
from voorop.sortition.models import Assembly
from voorop.sortition.views._common import get_assembly, login_or_403


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "sortition/index.html", {"assemblies": selectors.assemblies_public()})


def assembly_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_object_or_404(Assembly, pk=pk)
    return render(
        request,
        "sortition/assembly.html",
        {
            "assembly": assembly,
            "report": getattr(assembly, "report", None),
            "meetings": [m for m in assembly.meetings.splitlines() if m.strip()],
        },
    )


@permission_required("sortition.view_work_list")
def work(request: HttpRequest) -> HttpResponse:
    assemblies = list(selectors.assemblies_for_work(request.user))
    return render(
        request,
        "sortition/work.html",
        {
            "assemblies": assemblies,
            "mine": {a.pk for a in assemblies if a.mine},
            "can_add": request.user.has_perm("sortition.add_assembly"),
        },
    )


@permission_required("sortition.add_assembly")
def assembly_create(request: HttpRequest) -> HttpResponse:
    form = forms.AssemblyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            assembly = services.assembly_create(
                actor=request.user,
                organisers=form.cleaned_data["organisers"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The assembly has been created."))
            return redirect("sortition:manage", pk=assembly.pk)
    return render(request, "sortition/assembly_form.html", {"form": form})


@login_or_403
def assembly_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_assembly(request, pk, "sortition.change_assembly")
    form = forms.AssemblyForm(posted(request), instance=assembly)
    if request.method == "POST" and form.is_valid():
        try:
            services.assembly_update(
                actor=request.user,
                assembly=Assembly.objects.get(pk=assembly.pk),
                organisers=form.cleaned_data["organisers"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("sortition:manage", pk=assembly.pk)
    return render(request, "sortition/assembly_form.html", {"form": form, "assembly": assembly})


@login_or_403
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_assembly(request, pk, "sortition.manage_assembly")
    selection = selectors.latest_selection(assembly)
    return render(
        request,
        "sortition/manage.html",
        {
            "assembly": assembly,
            "address_count": assembly.addresses.count(),
            "invitation_count": assembly.invitations.count(),
            "respondent_count": assembly.respondents.count(),
            "quotas_complete": selectors.quotas_complete(assembly),
            "selection": selection,
            "report": getattr(assembly, "report", None),
        },
    )
