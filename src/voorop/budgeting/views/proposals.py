"""Stage: proposals and review. Sending in, changing and reviewing a proposal, and linking a
funded one to the initiative that carries it out."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from voorop.budgeting import forms, selectors, services
from voorop.budgeting.models import (
    Proposal,
)
from voorop.budgeting.views.common import (
    get_round,
    visitors_log_in,
)
from voorop.core.forms import posted
from voorop.core.permissions import require


@login_required
def proposal_create(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = get_round(pk)
    require(request.user, "budgeting.submit_proposal", budget_round)
    form = forms.ProposalForm(
        posted(request),
        budget_round=budget_round,
        initial={"area": budget_round.area_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(
                actor=request.user, budget_round=budget_round, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you. Your proposal has been sent. The municipality will review it."),
            )
            return redirect(proposal)
    return render(
        request,
        "budgeting/proposal_form.html",
        {"form": form, "round": budget_round, "proposal": None},
    )


def _proposal(pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("round", "round__area", "area", "theme", "author"), pk=pk
    )


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    result = selectors.latest_result(proposal.round)
    funded = None
    if (
        result is not None
        and result.is_done
        and request.user.has_perm("budgeting.view_result", proposal.round)
    ):
        funded = str(proposal.pk) in result.selected
    return render(
        request,
        "budgeting/proposal.html",
        {"proposal": proposal, "round": proposal.round, "funded": funded},
    )


@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request.user, "budgeting.change_proposal", proposal)
    form = forms.ProposalForm(posted(request), instance=proposal, budget_round=proposal.round)
    if request.method == "POST" and form.is_valid():
        stored = Proposal.objects.get(pk=pk)
        try:
            services.proposal_update(actor=request.user, proposal=stored, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(stored)
    return render(
        request,
        "budgeting/proposal_form.html",
        {"form": form, "round": proposal.round, "proposal": proposal},
    )


@visitors_log_in
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request.user, "budgeting.review_proposal", proposal)
    form = forms.ReviewForm(posted(request), proposal=proposal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_review(
                actor=request.user,
                proposal=proposal,
                approve=data["decision"] == "approve",
                reason=data["reason"],
                cost=data["cost"],
                cost_reason=data["cost_reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The review has been saved. The proposer gets an e-mail."))
            return redirect("budgeting:manage", pk=proposal.round_id)
    return render(request, "budgeting/review.html", {"form": form, "proposal": proposal})


@visitors_log_in
def proposal_link(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request.user, "budgeting.link_initiative", proposal)
    form = forms.LinkInitiativeForm(posted(request), initial={"initiative": proposal.initiative_id})
    if request.method == "POST" and form.is_valid():
        services.proposal_link_initiative(
            actor=request.user, proposal=proposal, initiative=form.cleaned_data["initiative"]
        )
        messages.success(request, _("The changes have been saved."))
        return redirect(proposal.round)
    return render(request, "budgeting/link.html", {"form": form, "proposal": proposal})
