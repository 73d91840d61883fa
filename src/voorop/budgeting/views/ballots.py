"""Stage: voting. The ballot (account or voting code) with its running total, entering a
voting code, the receipt with the result e-mail, and paper ballots entered by staff."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.budgeting import forms, selectors, services
from voorop.budgeting.ballots import ballot_check, clean_choices
from voorop.budgeting.models import (
    BallotType,
    BudgetRound,
    ResultNotice,
)
from voorop.budgeting.phases import Action
from voorop.budgeting.views.common import (
    get_round,
    round_and_code,
    session_key,
    visitors_log_in,
)
from voorop.core import throttle
from voorop.core.forms import posted
from voorop.core.permissions import require


def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballot: for a code voter (code in the session) or an eligible account."""
    budget_round, code = round_and_code(request, pk)
    if code is not None and not request.user.has_perm("budgeting.vote_with_code", budget_round):
        code = None
    if code is None and not request.user.has_perm("budgeting.vote", budget_round):
        eligibility = selectors.eligibility(request.user, budget_round)
        return render(
            request,
            "budgeting/cannot_vote.html",
            {
                "round": budget_round,
                "phase": budget_round.phase,
                "reason": selectors.eligibility_text(eligibility, budget_round),
            },
        )
    proposals = selectors.ballot_proposals(budget_round)
    if request.method == "POST":
        # A cast needs no earlier ballot here (the service finds and locks it): looked up
        # only when the form comes back with errors.
        form = forms.BallotForm(request.POST, budget_round=budget_round, proposals=proposals)
        if form.is_valid():
            try:
                services.ballot_cast(
                    actor=request.user,
                    budget_round=budget_round,
                    choices=form.choices(),
                    voting_code=code,
                    proposals=proposals,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                return redirect("budgeting:receipt", pk=pk)
    existing = (
        selectors.ballot_for_code(code)
        if code is not None
        else selectors.ballot_of(request.user, budget_round)
    )
    if request.method != "POST":
        form = forms.BallotForm(
            None,
            budget_round=budget_round,
            proposals=proposals,
            initial=forms.ballot_initial(budget_round, existing.choices) if existing else None,
        )
    return render(
        request,
        "budgeting/ballot.html",
        {
            "round": budget_round,
            "form": form,
            "existing": existing,
            "by_code": code is not None,
            **_totals(budget_round, proposals, form),
        },
    )


def _totals(budget_round: BudgetRound, proposals, form) -> dict:
    if form.is_bound:
        raw = {}
        for proposal in proposals:
            value = form[f"p{proposal.pk}"].value()
            if budget_round.ballot_type == BallotType.CUMULATIVE:
                try:
                    raw[str(proposal.pk)] = int(value or 0)
                except (TypeError, ValueError):
                    raw[str(proposal.pk)] = 0
            elif value not in (None, "", False, "off"):
                raw[str(proposal.pk)] = 1
        choices = clean_choices(raw)
    else:
        initial = form.initial or {}
        choices = clean_choices(
            {key[1:]: (1 if value is True else value) for key, value in initial.items()}
        )
    check = ballot_check(budget_round, proposals, choices)
    percent = 0
    if budget_round.budget:
        percent = min(100, round(check.total_cost * 100 / budget_round.budget / 5) * 5)
    return {"totals": check, "total_percent": percent}


def ballot_total(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the running total for the choices in the form (nothing is saved)."""
    budget_round = get_round(pk)
    proposals = selectors.ballot_proposals(budget_round)
    form = forms.BallotForm(request.POST or None, budget_round=budget_round, proposals=proposals)
    return render(
        request,
        "budgeting/partials/ballot_total.html",
        {"round": budget_round, **_totals(budget_round, proposals, form)},
    )


def code_entry(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = get_round(pk)
    if not request.user.has_perm("budgeting.vote_with_code", budget_round):
        return render(
            request,
            "budgeting/cannot_vote.html",
            {"round": budget_round, "phase": budget_round.phase, "reason": ""},
        )
    form = forms.CodeForm(posted(request), initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            code = services.voting_code_check(
                budget_round=budget_round,
                code=form.cleaned_data["code"],
                client=throttle.client_key(request),
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session.cycle_key()
            request.session[session_key(budget_round)] = code.pk
            return redirect("budgeting:vote", pk=pk)
    return render(request, "budgeting/code.html", {"round": budget_round, "form": form})


@require_POST
def code_forget(request: HttpRequest, pk: int) -> HttpResponse:
    request.session.pop(f"budgeting_code_{pk}", None)
    messages.success(request, _("The voting code has been removed from this browser."))
    return redirect("budgeting:round", pk=pk)


def _notice_key(budget_round: BudgetRound) -> str:
    return f"budgeting_notice_{budget_round.pk}"


def _own_notice(request: HttpRequest, budget_round: BudgetRound) -> ResultNotice | None:
    """The result e-mail this visitor asked for: by account, or remembered in the session."""
    notices = ResultNotice.objects.filter(round=budget_round)
    if request.user.is_authenticated:
        found = notices.filter(user=request.user).first()
        if found is not None:
            return found
    notice_id = request.session.get(_notice_key(budget_round))
    return notices.filter(pk=notice_id).first() if notice_id else None


def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round, code = round_and_code(request, pk)
    ballot = selectors.ballot_for_code(code) if code else None
    if ballot is None:
        ballot = selectors.ballot_of(request.user, budget_round)
    if ballot is None:
        raise Http404(_("There is no vote to show."))
    notice = _own_notice(request, budget_round)
    may_ask = budget_round.phase.allows(Action.VOTE)
    initial = {"email": request.user.email} if request.user.is_authenticated else None
    form = forms.ResultNoticeForm(posted(request) if may_ask else None, initial=initial)
    if request.method == "POST" and "cancel" in request.POST:
        if notice is not None:
            services.result_notice_cancel(actor=request.user, notice=notice)
            request.session.pop(_notice_key(budget_round), None)
            messages.success(request, _("You will not get an e-mail about the result."))
        return redirect("budgeting:receipt", pk=pk)
    if request.method == "POST" and may_ask and form.is_valid():
        try:
            notice = services.result_notice_request(
                actor=request.user,
                ballot=ballot,
                email=form.cleaned_data["email"],
                language=get_language(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not request.user.is_authenticated:
                request.session[_notice_key(budget_round)] = str(notice.pk)
            messages.success(
                request,
                _("We will send an e-mail to %(email)s when the result is known.")
                % {"email": notice.email},
            )
            return redirect("budgeting:receipt", pk=pk)
    return render(
        request,
        "budgeting/receipt.html",
        {
            "round": budget_round,
            "ballot": ballot,
            "chosen": services.receipt_lines(ballot),
            "can_change": budget_round.phase.allows(Action.VOTE),
            "notice": notice,
            "notice_form": form if may_ask else None,
        },
    )


@visitors_log_in
def paper_ballot(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = get_round(pk)
    require(request.user, "budgeting.enter_paper_ballot", budget_round)
    proposals = selectors.ballot_proposals(budget_round)
    code_form = forms.PaperBallotCodeForm(posted(request), prefix="paper")
    form = forms.BallotForm(posted(request), budget_round=budget_round, proposals=proposals)
    if request.method == "POST" and code_form.is_valid() and form.is_valid():
        try:
            code = services.voting_code_check(
                budget_round=budget_round,
                code=code_form.cleaned_data["code"],
                client=throttle.user_key(request.user),
            )
        except ValidationError as error:
            code_form.add_error("code", error)
        else:
            try:
                services.ballot_cast(
                    actor=request.user,
                    budget_round=budget_round,
                    choices=form.choices(),
                    voting_code=code,
                    paper=True,
                )
            except ValidationError as error:
                for message in error.messages:
                    code_form.add_error("code", message)
            else:
                messages.success(request, _("The paper ballot has been entered."))
                return redirect("budgeting:paper", pk=pk)
    return render(
        request,
        "budgeting/paper.html",
        {
            "round": budget_round,
            "code_form": code_form,
            "form": form,
            **_totals(budget_round, proposals, form),
        },
    )
