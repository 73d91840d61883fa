from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.budgeting import forms, selectors, services
from voorop.budgeting.ballots import ballot_check, clean_choices
from voorop.budgeting.models import (
    BallotType,
    BudgetRound,
    Proposal,
    ProposalStatus,
    ResultNotice,
    VotingCode,
    VotingCodeBatch,
)
from voorop.core import throttle
from voorop.core.forms import posted, uploaded_files
from voorop.core.permissions import permission_required
from voorop.engines.budgeting import compute, read_pb


def _round(pk: int) -> BudgetRound:
    return get_object_or_404(BudgetRound.objects.select_related("area", "dossier"), pk=pk)


def _check(request: HttpRequest, permission: str, obj=None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied(permission)


def visitors_log_in(view):
    """A visitor who lacks a permission is asked to log in; a signed-in user gets a 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())

    return wrapped


def _session_key(budget_round: BudgetRound) -> str:
    return f"budgeting_code_{budget_round.pk}"


def _session_code(request: HttpRequest, budget_round: BudgetRound) -> VotingCode | None:
    code_id = request.session.get(_session_key(budget_round))
    if not code_id:
        return None
    return VotingCode.objects.filter(pk=code_id, round=budget_round).first()


# --- rounds ------------------------------------------------------------------------------


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
    budget_round = _round(pk)
    _check(request, "budgeting.change_round", budget_round)
    form = forms.RoundForm(posted(request), instance=budget_round, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.ROUND_FIELDS}
        # The form already wrote the values onto the instance; compare with the stored row.
        stored = BudgetRound.objects.get(pk=pk)
        try:
            services.round_update(actor=request.user, budget_round=stored, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(stored)
    return render(request, "budgeting/round_form.html", {"form": form, "round": budget_round})


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round(pk)
    services.round_close_if_due(budget_round=budget_round)
    phase = budget_round.phase
    result = selectors.latest_result(budget_round)
    show_all = phase.key in ("upcoming", "proposals", "review")
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
            "has_code": _session_code(request, budget_round) is not None,
            "implementation": selectors.implementation_rows(budget_round, result)
            if phase.key in ("results", "implementation")
            else [],
        },
    )


@visitors_log_in
def round_manage(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round(pk)
    _check(request, "budgeting.manage_round", budget_round)
    return render(
        request,
        "budgeting/manage.html",
        {
            "round": budget_round,
            "phase": budget_round.phase,
            "waiting": selectors.round_proposals(budget_round, status=ProposalStatus.SUBMITTED),
            "reviewed": selectors.round_proposals(budget_round).exclude(
                status=ProposalStatus.SUBMITTED
            ),
            "batches": budget_round.code_batches.all(),
            "code_count": budget_round.voting_codes.count(),
            "ballot_count": budget_round.ballots.count(),
            "result": selectors.latest_result(budget_round),
            "holders": selectors.area_holders(budget_round.area),
        },
    )


@require_POST
@visitors_log_in
def round_next_phase(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round(pk)
    _check(request, "budgeting.manage_round", budget_round)
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
    return redirect("budgeting:manage", pk=pk)


# --- proposals ---------------------------------------------------------------------------


@login_required
def proposal_create(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round(pk)
    _check(request, "budgeting.submit_proposal", budget_round)
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
    _check(request, "budgeting.change_proposal", proposal)
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
    _check(request, "budgeting.review_proposal", proposal)
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
    _check(request, "budgeting.link_initiative", proposal)
    form = forms.LinkInitiativeForm(posted(request), initial={"initiative": proposal.initiative_id})
    if request.method == "POST" and form.is_valid():
        services.proposal_link_initiative(
            actor=request.user, proposal=proposal, initiative=form.cleaned_data["initiative"]
        )
        messages.success(request, _("The changes have been saved."))
        return redirect(proposal.round)
    return render(request, "budgeting/link.html", {"form": form, "proposal": proposal})


# --- voting ------------------------------------------------------------------------------


def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballot: for a code voter (code in the session) or an eligible account."""
    budget_round = _round(pk)
    code = _session_code(request, budget_round)
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
    existing = (
        selectors.ballot_for_code(code)
        if code is not None
        else selectors.ballot_of(request.user, budget_round)
    )
    proposals = selectors.ballot_proposals(budget_round)
    form = forms.BallotForm(
        posted(request),
        budget_round=budget_round,
        proposals=proposals,
        initial=forms.ballot_initial(budget_round, existing.choices) if existing else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_cast(
                actor=request.user,
                budget_round=budget_round,
                choices=form.choices(),
                voting_code=code,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("budgeting:receipt", pk=pk)
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
    budget_round = _round(pk)
    proposals = selectors.ballot_proposals(budget_round)
    form = forms.BallotForm(request.POST or None, budget_round=budget_round, proposals=proposals)
    return render(
        request,
        "budgeting/partials/ballot_total.html",
        {"round": budget_round, **_totals(budget_round, proposals, form)},
    )


def code_entry(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round(pk)
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
            request.session[_session_key(budget_round)] = code.pk
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
    budget_round = _round(pk)
    code = _session_code(request, budget_round)
    ballot = selectors.ballot_for_code(code) if code else None
    if ballot is None:
        ballot = selectors.ballot_of(request.user, budget_round)
    if ballot is None:
        raise Http404(_("There is no vote to show."))
    notice = _own_notice(request, budget_round)
    may_ask = budget_round.phase.key == "voting"
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
            "can_change": budget_round.phase.key == "voting",
            "notice": notice,
            "notice_form": form if may_ask else None,
        },
    )


@visitors_log_in
def paper_ballot(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round(pk)
    _check(request, "budgeting.enter_paper_ballot", budget_round)
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


@visitors_log_in
def voting_codes(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round(pk)
    _check(request, "budgeting.manage_round", budget_round)
    form = forms.AddressListForm(posted(request), uploaded_files(request))
    if request.method == "POST":
        _check(request, "budgeting.prepare_voting_codes", budget_round)
        if form.is_valid():
            try:
                services.voting_codes_request(
                    actor=request.user,
                    budget_round=budget_round,
                    addresses=form.address_rows,
                    base_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "%(count)s addresses read. The codes and letters are being made. "
                        "Refresh this page in a moment."
                    )
                    % {"count": len(form.address_rows)},
                )
                if form.repeated_lines:
                    messages.info(
                        request,
                        _(
                            "These lines repeat an earlier address and get no letter of their "
                            "own: %(lines)s."
                        )
                        % {
                            "lines": ", ".join(str(n) for n in form.repeated_lines[:50])
                            + (" …" if len(form.repeated_lines) > 50 else "")
                        },
                    )
                return redirect("budgeting:codes", pk=pk)
    return render(
        request,
        "budgeting/codes.html",
        {
            "round": budget_round,
            "form": form,
            "batches": budget_round.code_batches.all(),
            "may_make": request.user.has_perm("budgeting.prepare_voting_codes", budget_round),
        },
    )


def _batch(request: HttpRequest, pk: int, batch_pk: int):
    budget_round = _round(pk)
    _check(request, "budgeting.manage_round", budget_round)
    return get_object_or_404(VotingCodeBatch, pk=batch_pk, round=budget_round)


@visitors_log_in
def letters_download(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    batch = _batch(request, pk, batch_pk)
    if not batch.letters:
        raise Http404(_("These letters are not (or no longer) there."))
    return FileResponse(
        batch.letters.open("rb"),
        as_attachment=True,
        filename=f"stemcodes-ronde-{pk}-{batch.pk}.pdf",
        content_type="application/pdf",
    )


@require_POST
@visitors_log_in
def letters_delete(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    batch = _batch(request, pk, batch_pk)
    services.voting_letters_delete(actor=request.user, batch=batch)
    messages.success(request, _("The letters have been deleted. The codes keep working."))
    return redirect("budgeting:codes", pk=pk)


# --- results -----------------------------------------------------------------------------


@visitors_log_in
def results(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round(pk)
    services.round_close_if_due(budget_round=budget_round)
    _check(request, "budgeting.view_result", budget_round)
    result = selectors.latest_result(budget_round)
    context = {"round": budget_round, "result": result}
    if result is not None and result.is_done:
        code = _session_code(request, budget_round)
        ballot = selectors.ballot_for_code(code) if code else None
        ballot = ballot or selectors.ballot_of(request.user, budget_round)
        file_digest, live_digest = selectors.digests(budget_round, result)
        rows = selectors.vote_rows(budget_round, result)
        context.update(
            {
                "rows": rows,
                "funded_rows": [r for r in rows if r["funded"]],
                "unfunded_rows": [r for r in rows if not r["funded"]],
                "mine": selectors.funded_choices(result, ballot),
                "command": selectors.recompute_command(result, _pb_filename(budget_round)),
                "filename": _pb_filename(budget_round),
                "file_digest": file_digest,
                "digest_ok": file_digest == result.ballots_digest
                and live_digest == result.ballots_digest,
                "left": budget_round.budget - result.total_cost,
            }
        )
    return render(request, "budgeting/results.html", context)


@visitors_log_in
def result_status(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round(pk)
    _check(request, "budgeting.view_result", budget_round)
    return render(
        request,
        "budgeting/partials/result_status.html",
        {"round": budget_round, "result": selectors.latest_result(budget_round)},
    )


@require_POST
@visitors_log_in
def result_compute(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round(pk)
    _check(request, "budgeting.compute_result", budget_round)
    services.result_compute(actor=request.user, budget_round=budget_round)
    messages.success(request, _("The result is being computed. This page shows when it is ready."))
    return redirect("budgeting:results", pk=pk)


def _pb_filename(budget_round: BudgetRound) -> str:
    return f"voorop-begroting-{budget_round.pk}.pb"


@visitors_log_in
def download_pb(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round(pk)
    _check(request, "budgeting.view_result", budget_round)
    result = selectors.latest_result(budget_round)
    if result is None or not result.is_done:
        raise Http404(_("There is no result yet."))
    response = HttpResponse(result.pb_text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_pb_filename(budget_round)}"'
    return response


@visitors_log_in
def what_if(request: HttpRequest) -> HttpResponse:
    """Compare greedy with Equal Shares on an uploaded .pb file, or on a round's own file
    (``?ronde=<id>``). Nothing is stored."""
    form = forms.WhatIfForm(posted(request), uploaded_files(request))
    comparison, election, seed, source_round = None, None, "0", None
    if request.method == "POST" and form.is_valid():
        election = form.election
    elif request.method == "GET" and request.GET.get("ronde", "").isdigit():
        source_round = _round(int(request.GET["ronde"]))
        _check(request, "budgeting.view_result", source_round)
        result = selectors.latest_result(source_round)
        if result is None or not result.is_done:
            raise Http404(_("There is no result yet."))
        election, seed = read_pb(result.pb_text), result.seed
    if election is not None:
        try:
            greedy = compute(election, "greedy", tie_breaking="cost-votes", seed=seed)
            mes = compute(election, "mes", completion="add1", tie_breaking="cost-votes", seed=seed)
        except ValueError as error:  # RuleError included: the file was read, not computed
            form.add_error(
                "file",
                _(
                    "The file was read, but the outcome could not be computed. Technical "
                    "detail: %(error)s"
                )
                % {"error": error},
            )
        else:
            comparison = _compare(election, greedy, mes)
    return render(
        request,
        "budgeting/what_if.html",
        {"form": form, "comparison": comparison, "source_round": source_round},
    )


def _compare(election, greedy, mes) -> dict:
    rows = []
    for project in election.projects:
        rows.append(
            {
                "id": project.id,
                "name": project.name or project.id,
                "cost": int(project.cost),
                "votes": greedy.votes.get(project.id, 0),
                "greedy": project.id in greedy.selected,
                "mes": project.id in mes.selected,
            }
        )
    rows.sort(key=lambda r: -float(r["votes"]))
    return {
        "rows": rows,
        "budget": int(election.budget),
        "ballots": len(election.ballots),
        "greedy_total": int(greedy.total_cost),
        "mes_total": int(mes.total_cost),
        "greedy_count": len(greedy.selected),
        "mes_count": len(mes.selected),
        "differ": sum(1 for r in rows if r["greedy"] != r["mes"]),
        "digest": mes.ballots_digest,
    }


# --- eligibility -------------------------------------------------------------------------


@permission_required("budgeting.verify_residents")
def verify(request: HttpRequest) -> HttpResponse:
    form = forms.VerifyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.resident_verify(
            actor=request.user,
            user=form.user,
            area=form.cleaned_data["area"],
            birth_year=form.cleaned_data["birth_year"],
        )
        messages.success(
            request,
            _("%(name)s may now vote in rounds for %(area)s.")
            % {"name": form.user.public_name, "area": form.cleaned_data["area"].name},
        )
        return redirect("budgeting:verify")
    page = Paginator(selectors.verifications(), 50).get_page(request.GET.get("pagina"))
    return render(request, "budgeting/verify.html", {"form": form, "page": page})


@require_POST
@permission_required("budgeting.verify_residents")
def unverify(request: HttpRequest, user_pk: int) -> HttpResponse:
    from voorop.accounts.models import User

    user = get_object_or_404(User, pk=user_pk)
    services.resident_unverify(actor=request.user, user=user)
    messages.success(
        request, _("The check of %(name)s has been withdrawn.") % {"name": user.public_name}
    )
    return redirect("budgeting:verify")
