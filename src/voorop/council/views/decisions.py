"""Council decisions with their documents, and the reflection of the mirroring councillor:
how each decision relates to society first; the overview of all reflections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from voorop.core import files
from voorop.core.forms import posted, uploaded_files
from voorop.core.permissions import permission_required, require
from voorop.council import selectors, services
from voorop.council.forms import DecisionForm, DocumentForm, ReflectionForm
from voorop.council.models import CouncilDecision, DecisionDocument, Reflection
from voorop.council.views.base import edit_view, form_page


def decision_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "council/decision_list.html",
        {"decisions": selectors.decisions_visible_to(request.user)},
    )


def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)
    reflection = Reflection.objects.filter(decision=decision).first()
    return render(
        request,
        "council/decision_detail.html",
        {
            "decision": decision,
            "documents": decision.documents.all(),
            "reflection": reflection,
            "can_manage": request.user.has_perm("council.manage_decisions"),
            "can_reflect": request.user.has_perm("council.reflect", decision),
        },
    )


decision_edit = edit_view(
    permission="council.manage_decisions",
    model=CouncilDecision,
    form_class=DecisionForm,
    save=lambda actor, decision, data: services.decision_save(
        actor=actor, decision=decision, data=data
    ),
    saved_message=gettext_lazy("The decision has been saved."),
    new_heading=gettext_lazy("New council decision"),
    change_heading=gettext_lazy("Change decision"),
    list_url="council:decision_list",
    list_label=gettext_lazy("Council decisions"),
)


@permission_required("council.manage_decisions")
def decision_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(CouncilDecision, pk=pk)
    form = DocumentForm(posted(request), uploaded_files(request))
    if request.method == "POST" and form.is_valid():
        services.decision_add_document(actor=request.user, decision=decision, **form.cleaned_data)
        messages.success(request, _("The document has been added."))
        return redirect(decision)
    return form_page(
        request,
        form,
        heading=_("Add a document"),
        back_url=decision.get_absolute_url(),
        back_label=str(decision),
        button=_("Upload"),
        multipart=True,
    )


def decision_document(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)
    document = get_object_or_404(DecisionDocument, pk=document_pk, decision=decision)
    return files.serve_file(request, document.file, filename=document.title)


@require_POST
@permission_required("council.manage_decisions")
def decision_publish(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(CouncilDecision, pk=pk)
    services.decision_publish(actor=request.user, decision=decision)
    messages.success(request, _("The decision has been published."))
    return redirect(decision)


@login_required
def reflection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(CouncilDecision.objects.select_related("dossier"), pk=pk)
    require(request.user, "council.reflect", decision)
    instance = Reflection.objects.filter(decision=decision).first()
    form = ReflectionForm(posted(request), instance=instance, decision=decision)
    if request.method == "POST" and form.is_valid():
        services.reflection_save(
            actor=request.user, decision=decision, data=dict(form.cleaned_data)
        )
        messages.success(request, _("Your reflection has been saved."))
        return redirect(decision)
    return form_page(
        request,
        form,
        heading=_("Reflection of the mirroring councillor"),
        back_url=decision.get_absolute_url(),
        back_label=str(decision),
        intro=_("How does this decision relate to society first?"),
        summary=decision.summary,
    )


def reflection_overview(request: HttpRequest) -> HttpResponse:
    overview = selectors.reflection_overview(request.user)
    return render(request, "council/reflections.html", {"overview": overview})
