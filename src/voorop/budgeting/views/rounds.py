"""Stage: setting up a round. The list of rounds, a round's page, creating and changing a
round, its management page and starting its next phase."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.budgeting import forms, selectors, services
from voorop.budgeting.models import (
    BudgetRound,
    ProposalStatus,
)
from voorop.budgeting.phases import Action
from voorop.budgeting.views.common import (
    get_round,
    session_code,
    visitors_log_in,
)
from voorop.core import cache, page_cache
from voorop.core.forms import posted
from voorop.core.pagination import page_of
from voorop.core.permissions import permission_required, require
from voorop.initiatives import selectors as initiatives_selectors

WAITING_PAGE = "pagina_wacht"
REVIEWED_PAGE = "pagina_beoordeeld"


def index(request: HttpRequest) -> HttpResponse:
    rounds = list(selectors.rounds_list())
    return render(request, "budgeting/index.html", {"rounds": rounds})


@permission_required("budgeting.add_round")
def round_create(request: HttpRequest) -> HttpResponse:
    form = forms.RoundForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            budget_round = services.round_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The budget round has been created."))
            return redirect(budget_round)
    return render(request, "budgeting/round_form.html", {"form": form, "round": None})


@visitors_log_in
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = get_round(pk)
    require(request.user, "budgeting.change_round", budget_round)
    form = forms.RoundForm(posted(request), instance=budget_round, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.ROUND_FIELDS}
        # The form already wrote the values onto the instance; compare with the stored row.
        stored = BudgetRound.objects.get(pk=pk)
        before = BudgetRound.objects.get(pk=pk)
        try:
            services.round_update(actor=request.user, budget_round=stored, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            _warn_about_letters(request, before, stored)
            return redirect(stored)
    return render(request, "budgeting/round_form.html", {"form": form, "round": budget_round})


@page_cache.for_visitors(
    "budgeting.round",
    parts=lambda request, pk: cache.versions(
        (selectors.ROUND_PAGES, pk),
        # the funded proposals show their initiative's latest update
        initiatives_selectors.PUBLIC_PAGES,
    ),
    until=lambda request, pk: selectors.round_pages_change_at(pk),
    page_params=(),
)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = get_round(pk)
    # Reading writes nothing: once voting has closed, the page says so from the dates, and
    # the maintenance job (or staff) queues the computation.
    phase = budget_round.phase
    result = selectors.latest_result(budget_round)
    show_all = phase.allows(Action.SHOW_ALL_PROPOSALS)
    proposals = selectors.round_proposals(
        budget_round, status=None if show_all else ProposalStatus.APPROVED
    )
    eligibility = selectors.eligibility(request.user, budget_round)
    return render(
        request,
        "budgeting/round.html",
        {
            "round": budget_round,
            "phase": phase,
            "proposals": proposals,
            "result": result,
            "eligibility": eligibility,
            "eligibility_text": selectors.eligibility_text(eligibility, budget_round),
            "ballot": selectors.ballot_of(request.user, budget_round),
            "has_code": session_code(request, budget_round) is not None,
            "implementation": selectors.implementation_rows(budget_round, result)
            if phase.allows(Action.SHOW_RESULT)
            else [],
        },
    )


@visitors_log_in
def round_manage(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = get_round(pk)
    require(request.user, "budgeting.manage_round", budget_round)
    batches = list(budget_round.code_batches.all())
    return render(
        request,
        "budgeting/manage.html",
        {
            "round": budget_round,
            "phase": budget_round.phase,
            # Each list pages on its own (review): a round may get hundreds of proposals.
            "waiting": page_of(
                request,
                selectors.proposals_to_manage(budget_round, waiting=True),
                parameter=WAITING_PAGE,
            ),
            "reviewed": page_of(
                request,
                selectors.proposals_to_manage(budget_round, waiting=False),
                parameter=REVIEWED_PAGE,
            ),
            "batches": batches,
            **selectors.round_counts(budget_round, batches),
            "result": selectors.latest_result(budget_round),
            "holders": selectors.area_holders(budget_round.area),
        },
    )


@require_POST
@visitors_log_in
def round_next_phase(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = get_round(pk)
    require(request.user, "budgeting.manage_round", budget_round)
    before = get_round(pk)
    try:
        budget_round = services.round_start_next_phase(
            actor=request.user, budget_round=budget_round
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The phase “%(phase)s” has started.") % {"phase": budget_round.phase.label}
        )
        _warn_about_letters(request, before, budget_round)
    return redirect("budgeting:manage", pk=pk)


def _warn_about_letters(request: HttpRequest, before: BudgetRound, after: BudgetRound) -> None:
    """Printed letters still say the old voting dates: say so, and what to tell residents."""
    if not selectors.letter_dates_changed(before, after):
        return
    messages.warning(
        request,
        _(
            "Letters with voting codes were already made. They say voting is open from "
            "%(old_start)s until %(old_end)s. Tell residents the new dates (on the website, "
            "in the local paper, or with a new letter): voting is open from %(start)s until "
            "%(end)s."
        )
        % {
            "old_start": date_format(localtime(before.voting_from), "j F Y"),
            "old_end": date_format(localtime(before.voting_until), "j F Y H:i"),
            "start": date_format(localtime(after.voting_from), "j F Y"),
            "end": date_format(localtime(after.voting_until), "j F Y H:i"),
        },
    )
