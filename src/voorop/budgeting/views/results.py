"""Stage: results. The results page with its public checks, the computation's status, the
staff's "compute" button and the pabulib file."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.budgeting import selectors, services
from voorop.budgeting.models import RoundResult
from voorop.budgeting.views.common import (
    get_round,
    session_code,
    visitors_log_in,
)
from voorop.core import cache, page_cache
from voorop.core.permissions import require


@page_cache.for_visitors(
    "budgeting.results",
    parts=lambda request, pk: (cache.version(selectors.ROUND_PAGES, pk),),
    until=lambda request, pk: selectors.round_pages_change_at(pk),
    page_params=(),
)
@visitors_log_in
def results(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = get_round(pk)
    require(request.user, "budgeting.view_result", budget_round)
    result = selectors.latest_result(budget_round)
    context = {
        "round": budget_round,
        "result": result,
        "may_retry": request.user.has_perm("budgeting.compute_result", budget_round),
    }
    if result is not None and result.is_done:
        code = session_code(request, budget_round)
        ballot = selectors.ballot_for_code(code) if code else None
        ballot = ballot or selectors.ballot_of(request.user, budget_round)
        context.update(selectors.result_page(budget_round, result, ballot=ballot))
    return render(request, "budgeting/results.html", context)


@visitors_log_in
def result_status(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = get_round(pk)
    require(request.user, "budgeting.view_result", budget_round)
    return render(
        request,
        "budgeting/partials/result_status.html",
        {
            "round": budget_round,
            "result": selectors.latest_result(budget_round),
            "may_retry": request.user.has_perm("budgeting.compute_result", budget_round),
        },
    )


@require_POST
@visitors_log_in
def result_compute(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = get_round(pk)
    require(request.user, "budgeting.compute_result", budget_round)
    services.result_compute(actor=request.user, budget_round=budget_round)
    messages.success(request, _("The result is being computed. This page shows when it is ready."))
    return redirect("budgeting:results", pk=pk)


@require_POST
@visitors_log_in
def result_retry(request: HttpRequest, pk: int, result_pk: int) -> HttpResponse:
    """The "try again" button of a failed computation."""
    budget_round = get_round(pk)
    require(request.user, "budgeting.compute_result", budget_round)
    result = get_object_or_404(RoundResult, pk=result_pk, round=budget_round)
    if services.result_retry(actor=request.user, result=result):
        messages.success(
            request, _("The result is being computed. This page shows when it is ready.")
        )
    return redirect("budgeting:results", pk=pk)


@visitors_log_in
def download_pb(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = get_round(pk)
    require(request.user, "budgeting.view_result", budget_round)
    result = selectors.latest_result(budget_round)
    if result is None or not result.is_done:
        raise Http404(_("There is no result yet."))
    response = HttpResponse(result.pb_text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{selectors.pb_filename(budget_round)}"'
    )
    return response
