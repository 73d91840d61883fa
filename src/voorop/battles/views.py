"""Pages of pitch battles: the list, a battle (entries, jury make-up, stage), scoring per
entry on a phone, the results with the jury's reasons, and an entry's follow-up thread."""

from __future__ import annotations

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
            "entries": selectors.entries(battle),
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
    entry = get_object_or_404(Entry.objects.select_related("battle", "initiative"), pk=pk)
    form = forms.FollowUpForm(posted(request))
    if request.method == "POST" and "make_initiative" in request.POST:
        try:
            initiative = services.entry_make_initiative(actor=request.user, entry=entry)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(entry)
        messages.success(request, _("Your plan is now an initiative. You can add to it there."))
        return redirect(initiative.get_absolute_url())
    if request.method == "POST" and form.is_valid():
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
        },
    )
