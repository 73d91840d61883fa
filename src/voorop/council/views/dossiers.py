"""Dossiers and their anchor points: the council sets the points, the owners of a
contribution (a challenge, a budget proposal) answer them, reviewers judge the answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from voorop.core.forms import posted
from voorop.core.permissions import require
from voorop.council import selectors, services
from voorop.council.anchors import contribution_or_404, contributions_in
from voorop.council.forms import (
    AnchorJudgementForm,
    AnchorPointForm,
    AnchorResponseForm,
    DossierForm,
)
from voorop.council.models import AnchorPoint, Dossier
from voorop.council.views.base import edit_view, form_page


def dossier_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "council/dossier_list.html",
        {"dossiers": selectors.dossiers_visible_to(request.user)},
    )


def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_object_or_404(selectors.dossiers_visible_to(request.user), pk=pk)
    can_set = request.user.has_perm("council.set_anchor_points", dossier)
    return render(
        request,
        "council/dossier_detail.html",
        {
            "dossier": dossier,
            "anchor_points": dossier.anchor_points.all(),
            "can_set": can_set,
            "form": AnchorPointForm() if can_set else None,
            "contributions": contributions_in(dossier),
            "decisions": selectors.decisions_visible_to(request.user).filter(dossier=dossier),
            "events": dossier.events.all(),
        },
    )


dossier_edit = edit_view(
    permission="council.manage_dossiers",
    model=Dossier,
    form_class=DossierForm,
    save=lambda actor, dossier, data: services.dossier_save(
        actor=actor, dossier=dossier, data=data
    ),
    saved_message=gettext_lazy("The dossier has been saved."),
    new_heading=gettext_lazy("New dossier"),
    change_heading=gettext_lazy("Change dossier"),
    list_url="council:dossier_list",
    list_label=gettext_lazy("Dossiers"),
)


@login_required
def anchor_point_add(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_object_or_404(Dossier, pk=pk)
    require(request.user, "council.set_anchor_points", dossier)
    form = AnchorPointForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.anchor_point_add(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The anchor point has been added."))
            return redirect(dossier)
    return form_page(
        request,
        form,
        heading=_("Add an anchor point"),
        back_url=dossier.get_absolute_url(),
        back_label=str(dossier),
        button=_("Add"),
    )


@require_POST
@login_required
def anchor_point_delete(request: HttpRequest, pk: int, point_pk: int) -> HttpResponse:
    point = get_object_or_404(AnchorPoint, pk=point_pk, dossier_id=pk)
    services.anchor_point_delete(actor=request.user, anchor_point=point)
    messages.success(request, _("The anchor point has been removed."))
    return redirect(point.dossier)


@require_POST
@login_required
def dossier_open(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_object_or_404(Dossier, pk=pk)
    try:
        services.dossier_open(actor=request.user, dossier=dossier)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The anchor points are fixed. Society can now work it out."))
    return redirect(dossier)


@login_required
def anchor_respond(request: HttpRequest, app_label: str, model: str, pk: int) -> HttpResponse:
    contribution = contribution_or_404(app_label, model, pk)
    require(request.user, "council.respond_anchor_points", contribution)
    rows = selectors.anchor_points_for(contribution)
    form = AnchorResponseForm(
        posted(request),
        points=[row["point"] for row in rows],
        initial_texts={row["point"].pk: row["response"].text for row in rows if row["response"]},
    )
    if request.method == "POST" and form.is_valid():
        services.anchor_points_respond(
            actor=request.user, contribution=contribution, texts=form.texts()
        )
        messages.success(request, _("Your answers have been saved."))
        return redirect(contribution.get_absolute_url())
    return form_page(
        request,
        form,
        heading=_("How does your plan meet the anchor points?"),
        back_url=contribution.get_absolute_url(),
        back_label=str(contribution),
        intro=_(
            "The council set these anchor points before society worked out the dossier. "
            "Say for each one how your plan meets it."
        ),
    )


@login_required
def anchor_judge(request: HttpRequest, app_label: str, model: str, pk: int) -> HttpResponse:
    contribution = contribution_or_404(app_label, model, pk)
    require(request.user, "council.judge_anchor_points", contribution)
    rows = selectors.anchor_points_for(contribution)
    form = AnchorJudgementForm(
        posted(request),
        points=[row["point"] for row in rows],
        initial_values={
            row["point"].pk: (row["judgement"].verdict, row["judgement"].reasons)
            for row in rows
            if row["judgement"]
        },
    )
    if request.method == "POST" and form.is_valid():
        services.anchor_points_judge(
            actor=request.user, contribution=contribution, judgements=form.judgements()
        )
        messages.success(request, _("Your judgement has been saved."))
        return redirect(contribution.get_absolute_url())
    return form_page(
        request,
        form,
        heading=_("Judge the plan against the anchor points"),
        back_url=contribution.get_absolute_url(),
        back_label=str(contribution),
        intro=_("Per anchor point: does the plan meet it, partly, or not? Always give reasons."),
    )
