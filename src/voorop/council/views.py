from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.core.forms import posted, uploaded_files
from voorop.core.permissions import permission_required
from voorop.council import calendar, selectors, services
from voorop.council.anchors import contribution_or_404, contributions_in
from voorop.council.forms import (
    AnchorJudgementForm,
    AnchorPointForm,
    AnchorResponseForm,
    DecisionForm,
    DocumentForm,
    DossierForm,
    EventForm,
    FollowUpForm,
    FollowUpUpdateForm,
    GuestSignUpForm,
    HarvestForm,
    ReflectionForm,
    TopicForm,
)
from voorop.council.models import (
    AnchorPoint,
    CouncilDecision,
    DecisionDocument,
    Dossier,
    Event,
    EventSignUp,
    FollowUpAction,
    Reflection,
    SignUpStatus,
)


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    heading: str,
    back_url: str,
    back_label: str,
    button: str | None = None,
    intro: str = "",
    summary: str = "",
    multipart: bool = False,
) -> HttpResponse:
    return render(
        request,
        "council/form_page.html",
        {
            "form": form,
            "heading": heading,
            "back_url": back_url,
            "back_label": back_label,
            "button": button or _("Save"),
            "intro": intro,
            "summary": summary,
            "multipart": multipart,
        },
    )


def _check(request: HttpRequest, permission: str, obj: Any = None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "council/index.html",
        {
            "events": selectors.events_upcoming()[:3],
            "decisions": selectors.decisions_visible_to(request.user)[:5],
            "dossiers": selectors.dossiers_visible_to(request.user)[:5],
        },
    )


# -- dossiers and anchor points ---------------------------------------------------------------


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


@permission_required("council.manage_dossiers")
def dossier_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    dossier = get_object_or_404(Dossier, pk=pk) if pk else None
    form = DossierForm(posted(request), instance=dossier)
    if request.method == "POST" and form.is_valid():
        dossier = services.dossier_save(actor=request.user, dossier=dossier, data=form.cleaned_data)
        messages.success(request, _("The dossier has been saved."))
        return redirect(dossier)
    return _form_page(
        request,
        form,
        heading=_("Change dossier") if dossier else _("New dossier"),
        back_url=dossier.get_absolute_url() if dossier else reverse("council:dossier_list"),
        back_label=str(dossier) if dossier else _("Dossiers"),
    )


@login_required
def anchor_point_add(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_object_or_404(Dossier, pk=pk)
    _check(request, "council.set_anchor_points", dossier)
    form = AnchorPointForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.anchor_point_add(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The anchor point has been added."))
            return redirect(dossier)
    return _form_page(
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
    _check(request, "council.respond_anchor_points", contribution)
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
    return _form_page(
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
    _check(request, "council.judge_anchor_points", contribution)
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
    return _form_page(
        request,
        form,
        heading=_("Judge the plan against the anchor points"),
        back_url=contribution.get_absolute_url(),
        back_label=str(contribution),
        intro=_("Per anchor point: does the plan meet it, partly, or not? Always give reasons."),
    )


# -- decisions and reflections ----------------------------------------------------------------


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


@permission_required("council.manage_decisions")
def decision_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    decision = get_object_or_404(CouncilDecision, pk=pk) if pk else None
    form = DecisionForm(posted(request), instance=decision)
    if request.method == "POST" and form.is_valid():
        decision = services.decision_save(
            actor=request.user, decision=decision, data=form.cleaned_data
        )
        messages.success(request, _("The decision has been saved."))
        return redirect(decision)
    return _form_page(
        request,
        form,
        heading=_("Change decision") if decision else _("New council decision"),
        back_url=decision.get_absolute_url() if decision else reverse("council:decision_list"),
        back_label=str(decision) if decision else _("Council decisions"),
    )


@permission_required("council.manage_decisions")
def decision_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(CouncilDecision, pk=pk)
    form = DocumentForm(posted(request), uploaded_files(request))
    if request.method == "POST" and form.is_valid():
        services.decision_add_document(actor=request.user, decision=decision, **form.cleaned_data)
        messages.success(request, _("The document has been added."))
        return redirect(decision)
    return _form_page(
        request,
        form,
        heading=_("Add a document"),
        back_url=decision.get_absolute_url(),
        back_label=str(decision),
        button=_("Upload"),
        multipart=True,
    )


def decision_document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)
    document = get_object_or_404(DecisionDocument, pk=document_pk, decision=decision)
    if not document.file:
        raise Http404
    response = FileResponse(
        document.file.open("rb"), content_type="application/pdf", filename=f"{document.title}.pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
    _check(request, "council.reflect", decision)
    instance = Reflection.objects.filter(decision=decision).first()
    form = ReflectionForm(posted(request), instance=instance, decision=decision)
    if request.method == "POST" and form.is_valid():
        services.reflection_save(
            actor=request.user, decision=decision, data=dict(form.cleaned_data)
        )
        messages.success(request, _("Your reflection has been saved."))
        return redirect(decision)
    return _form_page(
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


# -- events -----------------------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "council/event_list.html",
        {"upcoming": selectors.events_upcoming(), "past": selectors.events_past()[:20]},
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("area", "dossier"), pk=pk)
    user = request.user
    return render(
        request,
        "council/event_detail.html",
        {
            "event": event,
            "counts": selectors.event_counts(event),
            "my_sign_up": selectors.sign_up_of(event, user),
            "can_sign_up": user.has_perm("council.sign_up", event),
            "guest_form": GuestSignUpForm()
            if not user.is_authenticated and user.has_perm("council.sign_up", event)
            else None,
            "topics": selectors.topics_with_follow_up(event),
            "can_propose": user.has_perm("council.propose_topic", event),
            "can_manage": user.has_perm("council.manage_events"),
            "can_harvest": user.has_perm("council.record_harvest", event),
            "can_follow_up": user.has_perm("council.add_follow_up", event),
            "follow_ups": event.follow_ups.select_related("owner", "topic"),
            "sign_ups": event.sign_ups.exclude(status=SignUpStatus.CANCELLED).select_related("user")
            if user.has_perm("council.view_sign_ups", event)
            else None,
        },
    )


@permission_required("council.manage_events")
def event_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk) if pk else None
    form = EventForm(posted(request), instance=event)
    if request.method == "POST" and form.is_valid():
        event = services.event_save(actor=request.user, event=event, data=form.cleaned_data)
        messages.success(request, _("The event has been saved."))
        return redirect(event)
    return _form_page(
        request,
        form,
        heading=_("Change event") if event else _("New event"),
        back_url=event.get_absolute_url() if event else reverse("council:event_list"),
        back_label=str(event) if event else _("Events"),
    )


def event_sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    _check(request, "council.sign_up", event)
    user = request.user
    if user.is_authenticated:
        if request.method != "POST":
            return redirect(event)
        try:
            sign_up = services.event_sign_up(event=event, user=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            _sign_up_message(request, sign_up)
        return redirect(event)
    form = GuestSignUpForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            sign_up = services.event_sign_up(event=event, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _sign_up_message(request, sign_up)
            return redirect(event)
    return _form_page(
        request,
        form,
        heading=_("Sign up without an account"),
        back_url=event.get_absolute_url(),
        back_label=str(event),
        button=_("Sign up"),
    )


def _sign_up_message(request: HttpRequest, sign_up: EventSignUp) -> None:
    if sign_up.status == SignUpStatus.WAITING:
        messages.warning(
            request,
            _(
                "The event is full. You are on the waiting list; "
                "we e-mail you when a place frees up."
            ),
        )
    else:
        messages.success(
            request, _("You have signed up. You will receive a confirmation by e-mail.")
        )


@require_POST
@login_required
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    sign_up = selectors.sign_up_of(event, request.user)
    if sign_up is not None:
        services.event_cancel_sign_up(sign_up=sign_up, actor=request.user)
        messages.success(request, _("You have cancelled your sign-up."))
    return redirect(event)


def event_cancel_guest(request: HttpRequest, token: str) -> HttpResponse:
    sign_up = get_object_or_404(
        EventSignUp.objects.select_related("event").exclude(status=SignUpStatus.CANCELLED),
        token=token,
    )
    if request.method == "POST":
        services.event_cancel_sign_up(sign_up=sign_up)
        messages.success(request, _("You have cancelled your sign-up."))
        return redirect(sign_up.event)
    return render(
        request, "council/guest_cancel.html", {"sign_up": sign_up, "event": sign_up.event}
    )


@login_required
def event_topic(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    _check(request, "council.propose_topic", event)
    form = TopicForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.event_topic_propose(event=event, author=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. Your topic has been added."))
        return redirect(event)
    return _form_page(
        request,
        form,
        heading=_("Propose a topic"),
        back_url=event.get_absolute_url(),
        back_label=str(event),
        button=_("Add my topic"),
        intro=_(
            "What would you like to talk about with the council? "
            "Everyone can read the topics. You will hear what was done with yours."
        ),
    )


@login_required
def event_harvest(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    _check(request, "council.record_harvest", event)
    form = HarvestForm(posted(request), initial={"harvest": event.harvest})
    if request.method == "POST" and form.is_valid():
        services.event_record_harvest(event=event, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The harvest has been saved."))
        return redirect(event)
    return _form_page(
        request,
        form,
        heading=_("Record the harvest"),
        back_url=event.get_absolute_url(),
        back_label=str(event),
    )


@login_required
def follow_up_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    _check(request, "council.add_follow_up", event)
    form = FollowUpForm(posted(request), event=event, initial={"topic": request.GET.get("topic")})
    if request.method == "POST" and form.is_valid():
        services.follow_up_add(event=event, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The follow-up has been added."))
        return redirect(event)
    return _form_page(
        request,
        form,
        heading=_("Add a follow-up"),
        back_url=event.get_absolute_url(),
        back_label=str(event),
        button=_("Add"),
    )


@login_required
def follow_up_update(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    action = get_object_or_404(
        FollowUpAction.objects.select_related("event", "topic"), pk=action_pk, event_id=pk
    )
    _check(request, "council.update_follow_up", action)
    form = FollowUpUpdateForm(
        posted(request),
        initial={"status": action.status, "message_to_resident": action.message_to_resident},
    )
    if request.method == "POST" and form.is_valid():
        services.follow_up_update(action=action, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The follow-up has been saved."))
        return redirect(action.event)
    return _form_page(
        request,
        form,
        heading=_("Follow-up: %(title)s") % {"title": action.title},
        back_url=action.event.get_absolute_url(),
        back_label=str(action.event),
        summary=action.topic.title if action.topic else "",
    )


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    return calendar.response([event], filename=f"bijeenkomst-{event.pk}.ics", request=request)


def events_feed(request: HttpRequest) -> HttpResponse:
    return calendar.response(
        list(selectors.events_upcoming()), filename="bijeenkomsten.ics", request=request
    )
