"""Pages of pitch battles: the list, a battle (entries, jury make-up, stage), scoring per
entry on a phone, the results with the jury's reasons, and an entry's follow-up thread."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.battles import forms, selectors, services
from voorop.battles.models import Battle, Entry
from voorop.core.forms import posted
from voorop.core.pagination import page_of
from voorop.core.permissions import require


def index(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.battles())
    return render(request, "battles/index.html", {"page": page, "battles": page.object_list})


def battle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    battle = get_object_or_404(Battle, pk=pk)
    entry_form = forms.EntryForm(posted(request) if "title" in request.POST else None)
    initiative_form = forms.InitiativeEntryForm(
        posted(request) if "initiative" in request.POST else None
    )
    vote_form = forms.VoteForm(posted(request) if "entry" in request.POST else None, battle=battle)
    if request.method == "POST":
        try:
            if entry_form.is_bound and entry_form.is_valid():
                services.entry_submit(actor=request.user, battle=battle, **entry_form.cleaned_data)
                messages.success(request, _("Your plan has been sent in."))
                return redirect(battle)
            if initiative_form.is_bound and initiative_form.is_valid():
                services.entry_from_initiative(
                    actor=request.user,
                    battle=battle,
                    initiative_id=initiative_form.cleaned_data["initiative"],
                )
                return redirect(battle)
            if vote_form.is_bound and vote_form.is_valid():
                services.public_vote_cast(
                    actor=request.user, battle=battle, entry=vote_form.cleaned_data["entry"]
                )
                messages.success(request, _("Your vote has been saved."))
                return redirect(battle)
        except ValidationError as error:
            for form in (entry_form, initiative_form, vote_form):
                if form.is_bound:
                    form.add_error(None, error)
        except PermissionDenied:
            raise
    juror = selectors.juror_of(request.user, battle)
    return render(
        request,
        "battles/battle.html",
        {
            "battle": battle,
            "phase": battle.phase,
            "entries": page_of(request, selectors.entries_page_list(battle)),
            "makeup": selectors.jury_makeup(battle),
            "jurors": battle.jurors.select_related("user"),
            "criteria": battle.criteria.all(),
            "juror": juror,
            "sheets": selectors.sheets_of(juror),
            "entry_form": entry_form,
            "initiative_form": initiative_form,
            "vote_form": vote_form,
        },
    )


@require_POST
def advance(request: HttpRequest, pk: int) -> HttpResponse:
    battle = get_object_or_404(Battle, pk=pk)
    try:
        services.battle_advance(actor=request.user, battle=battle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(battle)


def score(request: HttpRequest, pk: int) -> HttpResponse:
    """A juror scores one entry (made for a phone during the event)."""
    entry = get_object_or_404(Entry.objects.select_related("battle"), pk=pk)
    battle = entry.battle
    require(request.user, "battles.score", battle)
    juror = selectors.juror_of(request.user, battle)
    sheet = selectors.sheets_of(juror).get(entry.pk)
    initial = None
    if sheet is not None:
        initial = {f"c{key}": value for key, value in sheet.scores.items()}
        initial.update({"reason": sheet.reason, "conflict": sheet.conflict})
    form = forms.SheetForm(posted(request), battle=battle, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.sheet_save(
                actor=request.user,
                entry=entry,
                scores=form.scores(),
                reason=form.cleaned_data["reason"],
                conflict=form.cleaned_data["conflict"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved: %(title)s.") % {"title": entry.title})
            following = battle.entries.filter(pk__gt=entry.pk).order_by("pk").first()
            return redirect("battles:score", pk=following.pk) if following else redirect(battle)
    return render(request, "battles/score.html", {"battle": battle, "entry": entry, "form": form})


def results(request: HttpRequest, pk: int) -> HttpResponse:
    battle = get_object_or_404(Battle, pk=pk)
    if not request.user.has_perm("battles.view_results", battle):
        raise PermissionDenied("battles.view_results")
    ranking = selectors.ranking(battle)
    by_pk = {e.pk: e for e in selectors.entries(battle)}
    rows = [
        {**row, "item": by_pk[row["entry"]], "reasons": selectors.reasons(by_pk[row["entry"]])}
        for row in ranking["rows"]
        if row["entry"] in by_pk
    ]
    return render(
        request,
        "battles/results.html",
        {
            "battle": battle,
            "rows": rows,
            "top": [row for row in rows if row["rank"] is not None and row["rank"] <= 3],
            "version": ranking["version"],
            "makeup": selectors.jury_makeup(battle),
        },
    )


def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        Entry.objects.select_related("battle", "initiative", "proposal"), pk=pk
    )
    form = forms.FollowUpForm(posted(request))
    if request.method == "POST" and "make_initiative" in request.POST:
        try:
            initiative = services.entry_make_initiative(actor=request.user, entry=entry)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(entry)
        messages.success(request, _("Your plan is now an initiative. You can add to it there."))
        return redirect(initiative.get_absolute_url())
    may_propose = request.user.has_perm("battles.make_proposal", entry)
    proposing = request.method == "POST" and "make_proposal" in request.POST
    proposal_form = None
    if may_propose and not entry.proposal_id:
        proposal_form = forms.ProposalForm(
            request.POST if proposing else None,
            rounds=selectors.rounds_taking_proposals(),
            prefix="proposal",
        )
    if proposing:
        require(request.user, "battles.make_proposal", entry)
        if proposal_form is not None and proposal_form.is_valid():
            try:
                services.entry_make_proposal(
                    actor=request.user,
                    entry=entry,
                    budget_round=proposal_form.chosen_round(),
                    cost_estimate=int(proposal_form.cleaned_data["cost_estimate"]),
                )
            except ValidationError as error:
                proposal_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The plan is now a proposal in the budget round. It is reviewed there."),
                )
                return redirect(entry)
        elif proposal_form is None:
            messages.error(request, _("This plan is already a proposal in a budget round."))
            return redirect(entry)
        form = forms.FollowUpForm()
    if request.method == "POST" and not proposing and form.is_valid():
        try:
            services.follow_up_post(actor=request.user, entry=entry, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error)
        else:
            return redirect(entry)
    published = request.user.has_perm("battles.view_results", entry.battle)
    return render(
        request,
        "battles/entry.html",
        {
            "entry": entry,
            "battle": entry.battle,
            "form": form,
            "follow_ups": selectors.follow_ups(entry),
            "reasons": selectors.reasons(entry) if published else [],
            "proposal_form": proposal_form,
            "timeline": selectors.timeline(entry),
        },
    )


# --- setting up (organisers) -------------------------------------------------------------


def battle_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "battles.add_battle")
    form = forms.BattleForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            battle = services.battle_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The pitch battle has been made. Now add the points and the jury.")
            )
            return redirect("battles:set_up", pk=battle.pk)
    return render(request, "battles/battle_form.html", {"form": form})


def _post_action(request: HttpRequest, *names: str) -> str:
    return next((name for name in names if request.method == "POST" and name in request.POST), "")


def set_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Details, criteria and jury of a battle (criteria, scale and jury while plans come in)."""
    battle = get_object_or_404(Battle, pk=pk)
    require(request.user, "battles.manage_battle", battle)
    action = _post_action(
        request, "save_details", "add_criterion", "remove_criterion", "add_juror", "remove_juror"
    )
    details = forms.BattleForm(
        request.POST if action == "save_details" else None, instance=battle, prefix="battle"
    )
    criterion_form = forms.CriterionForm(
        request.POST if action == "add_criterion" else None, prefix="criterion"
    )
    juror_form = forms.JurorForm(request.POST if action == "add_juror" else None, prefix="juror")
    form_of = {"save_details": details, "add_criterion": criterion_form, "add_juror": juror_form}
    try:
        if action == "save_details" and details.is_valid():
            services.battle_update(actor=request.user, battle=battle, **details.cleaned_data)
            messages.success(request, _("The details have been saved."))
            return redirect("battles:set_up", pk=pk)
        if action == "add_criterion" and criterion_form.is_valid():
            services.criterion_add(actor=request.user, battle=battle, **criterion_form.cleaned_data)
            messages.success(request, _("The point has been added."))
            return redirect("battles:set_up", pk=pk)
        if action == "add_juror" and juror_form.is_valid():
            services.juror_add(actor=request.user, battle=battle, **juror_form.cleaned_data)
            messages.success(request, _("The juror has been added."))
            return redirect("battles:set_up", pk=pk)
        if action == "remove_criterion":
            criterion = get_object_or_404(
                battle.criteria, pk=_posted_pk(request, "remove_criterion")
            )
            services.criterion_remove(actor=request.user, criterion=criterion)
            messages.success(request, _("The point has been removed."))
            return redirect("battles:set_up", pk=pk)
        if action == "remove_juror":
            seat = get_object_or_404(battle.jurors, pk=_posted_pk(request, "remove_juror"))
            services.juror_remove(actor=request.user, juror=seat)
            messages.success(request, _("The juror has been removed."))
            return redirect("battles:set_up", pk=pk)
    except ValidationError as error:
        form = form_of.get(action)
        if form is None:
            messages.error(request, " ".join(error.messages))
            return redirect("battles:set_up", pk=pk)
        _add_error(form, error)
    page = page_of(request, selectors.jurors(battle))
    return render(
        request,
        "battles/set_up.html",
        {
            "battle": battle,
            "phase": battle.phase,
            "details": details,
            "criterion_form": criterion_form,
            "juror_form": juror_form,
            "criteria": battle.criteria.all(),
            "makeup": selectors.jury_makeup(battle),
            "page": page,
            "jurors": page.object_list,
            "may_set_up": request.user.has_perm("battles.set_up_battle", battle),
        },
    )


def _posted_pk(request: HttpRequest, name: str) -> int:
    """The number posted under ``name``; 0 (found nowhere) when it is not a number."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


def _add_error(form: Any, error: ValidationError) -> None:
    """Put a service's error beside its field when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def set_up_entries(request: HttpRequest, pk: int) -> HttpResponse:
    """The plans of a battle: enter one by hand, or add an existing initiative."""
    battle = get_object_or_404(Battle, pk=pk)
    require(request.user, "battles.manage_battle", battle)
    action = _post_action(request, "add_entry", "add_initiative")
    entry_form = forms.HandEntryForm(
        request.POST if action == "add_entry" else None, prefix="entry"
    )
    search = forms.InitiativeSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    try:
        if action == "add_entry" and entry_form.is_valid():
            services.entry_add(actor=request.user, battle=battle, **entry_form.cleaned_data)
            messages.success(request, _("The plan has been added."))
            return redirect("battles:set_up_entries", pk=pk)
        if action == "add_initiative":
            entry = services.entry_from_initiative(
                actor=request.user,
                battle=battle,
                initiative_id=_posted_pk(request, "add_initiative"),
            )
            messages.success(request, _("Added as a plan: %(title)s.") % {"title": entry.title})
            return redirect("battles:set_up_entries", pk=pk)
    except ValidationError as error:
        if action == "add_entry":
            _add_error(entry_form, error)
        else:
            messages.error(request, " ".join(error.messages))
            return redirect("battles:set_up_entries", pk=pk)
    page = page_of(request, selectors.entries_page_list(battle))
    return render(
        request,
        "battles/set_up_entries.html",
        {
            "battle": battle,
            "phase": battle.phase,
            "entry_form": entry_form,
            "search": search,
            "query": query,
            "found": selectors.initiatives_matching(query),
            "page": page,
            "entries": page.object_list,
            "may_add": request.user.has_perm("battles.add_entry", battle),
        },
    )
