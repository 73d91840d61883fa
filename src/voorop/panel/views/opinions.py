"""The opinion map: residents vote on statements and add their own (no account: a random key
in the session), see the groups and where they stand (refreshed by htmx while the map is
recomputed in the background); organisers make maps, check statements, export and import
Pol.is's files."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.core import throttle
from voorop.core.forms import posted, uploaded_files
from voorop.panel import forms, selectors, services
from voorop.panel.models import OpinionMap, Participant, Statement, StatementStatus
from voorop.panel.views._common import attachment, get_panel, login_or_403

SESSION_KEY = "panel_map_{pk}"


def _participant(request: HttpRequest, opinion_map: OpinionMap) -> Participant | None:
    key = request.session.get(SESSION_KEY.format(pk=opinion_map.pk), "")
    if not key:
        return None
    return Participant.objects.filter(opinion_map=opinion_map, key=key).first()


def _participant_or_new(request: HttpRequest, opinion_map: OpinionMap, client: str) -> Participant:
    """The session's participant, or a new one (limited per client: ValidationError)."""
    participant = _participant(request, opinion_map)
    if participant is None:
        participant = services.participant_get(opinion_map=opinion_map, client=client)
        request.session[SESSION_KEY.format(pk=opinion_map.pk)] = participant.key
    return participant


def opinion_map(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(OpinionMap.objects.select_related("panel"), pk=pk)
    form = forms.StatementForm(request.POST if request.POST.get("action") == "statement" else None)
    vote_error = ""
    if request.method == "POST":
        client = throttle.client_key(request)
        action = request.POST.get("action")
        try:
            if action == "vote":
                statement = get_object_or_404(Statement, pk=request.POST.get("statement"))
                services.vote_cast(
                    participant=_participant_or_new(request, found, client),
                    statement=statement,
                    vote=request.POST.get("vote", ""),
                    client=client,
                    actor=request.user,
                )
                return redirect("panel:map", pk=found.pk)
            if action == "statement" and form.is_valid():
                added = services.statement_add(
                    participant=_participant_or_new(request, found, client),
                    text=form.cleaned_data["text"],
                    client=client,
                    actor=request.user,
                )
                if added.status == StatementStatus.PENDING:
                    messages.success(
                        request, _("Thank you! Your statement is shown once it has been checked.")
                    )
                else:
                    messages.success(request, _("Thank you! Your statement has been added."))
                return redirect("panel:map", pk=found.pk)
        except ValidationError as error:
            if action == "statement":
                form.add_error("text", error)
            else:
                # Shown in the voting card itself, so that htmx's swap of that part shows it.
                vote_error = " ".join(error.messages)
    participant = _participant(request, found)
    return render(
        request,
        "panel/map.html",
        {
            "opinion_map": found,
            "statement": selectors.next_statement(found, participant),
            "form": form,
            "vote_error": vote_error,
            "view": selectors.map_view(found, participant),
            "can_manage": request.user.has_perm("panel.manage_panel", found.panel),
            "can_vote": request.user.has_perm("panel.vote_on_map", found),
            "can_add_statement": request.user.has_perm("panel.add_statement", found),
        },
    )


def map_groups(request: HttpRequest, pk: int) -> HttpResponse:
    """The groups as a fragment, polled by htmx while the conversation runs."""
    found = get_object_or_404(OpinionMap, pk=pk)
    return render(
        request,
        "panel/partials/map_groups.html",
        {
            "opinion_map": found,
            "view": selectors.map_view(found, _participant(request, found)),
            "can_vote": request.user.has_perm("panel.vote_on_map", found),
        },
    )


@login_or_403
def map_create(request: HttpRequest, pk: int) -> HttpResponse:
    panel = get_panel(request, pk, "panel.manage_panel")
    # A map may be a block of a consultation: shown after its questions.
    consultation = panel.consultations.filter(
        pk=(request.POST.get("consultation") or request.GET.get("consultation") or 0)
    ).first()
    form = forms.OpinionMapForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = services.map_create(
            actor=request.user,
            panel=panel,
            consultation=consultation,
            title=data["title"],
            intro=data["intro"],
            moderation=data["moderation"],
            statements=data["statements"].splitlines(),
            closes_at=form.closes_at(),
        )
        return redirect("panel:map_manage", pk=created.pk)
    return render(
        request,
        "panel/map_form.html",
        {"panel": panel, "form": form, "consultation": consultation},
    )


@login_or_403
def map_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Check statements, export and import Pol.is's files."""
    found = get_object_or_404(OpinionMap.objects.select_related("panel"), pk=pk)
    if not request.user.has_perm("panel.manage_panel", found.panel):
        raise PermissionDenied("panel.manage_panel")
    upload = forms.PolisImportForm(
        posted(request) if request.POST.get("action") == "import" else None,
        uploaded_files(request) if request.POST.get("action") == "import" else None,
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("accept", "reject"):
            statement = get_object_or_404(found.statements, pk=request.POST.get("statement"))
            services.statement_moderate(
                actor=request.user, statement=statement, accept=action == "accept"
            )
            messages.success(request, _("The statement has been checked."))
            return redirect("panel:map_manage", pk=found.pk)
        if action == "import" and upload.is_valid():
            try:
                count = services.polis_import(
                    actor=request.user,
                    opinion_map=found,
                    participants_votes=upload.cleaned_data["participants_votes"].read(),
                    comments=upload.cleaned_data["comments"].read(),
                )
            except ValidationError as error:
                upload.add_error(None, error)
            else:
                messages.success(
                    request, _("%(count)s votes have been imported.") % {"count": count}
                )
                return redirect("panel:map_manage", pk=found.pk)
    return _manage_page(request, found, upload=upload)


def _manage_page(
    request: HttpRequest,
    found: OpinionMap,
    *,
    upload: forms.PolisImportForm | None = None,
    closing: forms.MapClosingForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "panel/map_manage.html",
        {
            "opinion_map": found,
            "pending": found.statements.filter(status=StatementStatus.PENDING),
            "shown": found.statements.filter(status=StatementStatus.ACCEPTED).order_by("-pk")[:50],
            "upload": upload or forms.PolisImportForm(),
            "closing": closing
            # A closed map's form starts empty: its past date would only be refused.
            or forms.MapClosingForm(
                initial={
                    "closes_on": timezone.localdate(found.closes_at)
                    if found.closes_at and found.is_open
                    else None
                }
            ),
            "can_close": request.user.has_perm("panel.close_map", found.panel),
            "participant_count": found.participants.count(),
        },
    )


@require_POST
@login_or_403
def map_closing(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the map now, or (re)open it until a date or without an end."""
    found = get_object_or_404(OpinionMap.objects.select_related("panel"), pk=pk)
    if not request.user.has_perm("panel.close_map", found.panel):
        raise PermissionDenied("panel.close_map")
    if request.POST.get("action") == "close":
        services.map_close(actor=request.user, opinion_map=found)
        messages.success(
            request, _("The opinion map is closed. Its groups are computed once more, then final.")
        )
        return redirect("panel:map_manage", pk=found.pk)
    closing = forms.MapClosingForm(request.POST)
    if closing.is_valid():
        try:
            services.map_schedule(
                actor=request.user, opinion_map=found, closes_at=closing.closes_at()
            )
        except ValidationError as error:
            closing.add_error("closes_on", error)
        else:
            messages.success(request, _("The opinion map is open. The closing date is saved."))
            return redirect("panel:map_manage", pk=found.pk)
    return _manage_page(request, found, closing=closing)


@require_POST
@login_or_403
def map_export(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    found = get_object_or_404(OpinionMap.objects.select_related("panel"), pk=pk)
    if not request.user.has_perm("panel.manage_panel", found.panel):
        raise PermissionDenied("panel.manage_panel")
    files = services.polis_export(actor=request.user, opinion_map=found)
    if name not in files:
        name = "participants-votes.csv"
    return attachment(files[name], "text/csv; charset=utf-8", name)
