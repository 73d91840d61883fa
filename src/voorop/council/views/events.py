"""Events with society (stamtafel, raadsconferentie, ...): sign-up with a waiting list,
topics residents bring, the harvest afterwards and the follow-up of each topic; iCalendar."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from voorop.core import cache, page_cache, throttle
from voorop.core.forms import posted
from voorop.core.pagination import page_of
from voorop.core.permissions import require
from voorop.council import calendar, selectors, services
from voorop.council.forms import (
    EventForm,
    FollowUpForm,
    FollowUpUpdateForm,
    GuestSignUpForm,
    HarvestForm,
    TopicForm,
)
from voorop.council.models import Event, EventSignUp, FollowUpAction, SignUpStatus
from voorop.council.views.base import edit_view, form_page


@page_cache.for_visitors(
    "council.event_list",
    parts=lambda request: (cache.version(selectors.EVENT_LIST),),
    until=lambda request: selectors.next_event_starts_at(),
)
def event_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "council/event_list.html",
        {
            "upcoming": page_of(request, selectors.events_upcoming()),
            "past": selectors.events_past()[:20],
        },
    )


# The guest sign-ups made in this browser (ids only), so the event page knows them.
GUEST_SESSION_KEY = "council_guest_sign_ups"


def _guest_sign_ups(request: HttpRequest) -> list[int]:
    return [pk for pk in request.session.get(GUEST_SESSION_KEY, []) if isinstance(pk, int)]


def _remember_guest_sign_up(request: HttpRequest, sign_up: EventSignUp) -> None:
    request.session[GUEST_SESSION_KEY] = [*_guest_sign_ups(request), sign_up.pk][-20:]


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("area", "dossier"), pk=pk)
    user = request.user
    return render(
        request,
        "council/event_detail.html",
        {
            "event": event,
            "counts": selectors.event_counts(event),
            "my_sign_up": selectors.sign_up_of(
                event, user, guest_sign_ups=_guest_sign_ups(request)
            ),
            "can_sign_up": user.has_perm("council.sign_up", event),
            "topics": selectors.topics_with_follow_up(event),
            "can_propose": user.has_perm("council.propose_topic", event),
            "can_manage": user.has_perm("council.manage_events"),
            "can_harvest": user.has_perm("council.record_harvest", event),
            "can_follow_up": user.has_perm("council.add_follow_up", event),
            "follow_ups": event.follow_ups.select_related("owner", "topic"),
            # Unconfirmed guests have proven nothing yet: not on the staff's list.
            "sign_ups": event.sign_ups.exclude(
                status__in=[SignUpStatus.CANCELLED, SignUpStatus.UNCONFIRMED]
            ).select_related("user")
            if user.has_perm("council.view_sign_ups", event)
            else None,
        },
    )


event_edit = edit_view(
    permission="council.manage_events",
    model=Event,
    form_class=EventForm,
    save=lambda actor, event, data: services.event_save(actor=actor, event=event, data=data),
    saved_message=gettext_lazy("The event has been saved."),
    new_heading=gettext_lazy("New event"),
    change_heading=gettext_lazy("Change event"),
    list_url="council:event_list",
    list_label=gettext_lazy("Events"),
)


def event_sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    require(request.user, "council.sign_up", event)
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
            sign_up = services.event_guest_sign_up(
                event=event, client=throttle.client_key(request), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _remember_guest_sign_up(request, sign_up)
            messages.success(
                request,
                _(
                    "Almost done: we have sent an e-mail to %(email)s. Click the link in it "
                    "within 24 hours to confirm your sign-up. Until then you have no place."
                )
                % {"email": sign_up.email},
            )
            return redirect(event)
    return form_page(
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


def _link_gone(request: HttpRequest) -> HttpResponse:
    return render(request, "council/guest_link_gone.html", status=404)


def event_guest_sign_up(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a guest's e-mail: confirm the sign-up (a button, so that a mail program
    that opens links by itself confirms nothing), or see it and cancel it."""
    sign_up = selectors.guest_sign_up_by_token(token)
    if sign_up is None:
        return _link_gone(request)
    if request.method == "POST":
        try:
            sign_up = services.event_guest_confirm(token=token)
        except ValidationError:
            return _link_gone(request)
        _remember_guest_sign_up(request, sign_up)
        _sign_up_message(request, sign_up)
        return redirect(sign_up.event)
    return render(
        request,
        "council/guest_sign_up.html",
        {"sign_up": sign_up, "event": sign_up.event, "token": token},
    )


def event_cancel_guest(request: HttpRequest, token: str) -> HttpResponse:
    sign_up = selectors.guest_sign_up_by_token(token)
    if sign_up is None:
        return _link_gone(request)
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
    require(request.user, "council.propose_topic", event)
    form = TopicForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.event_topic_propose(event=event, author=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. Your topic has been added."))
        return redirect(event)
    return form_page(
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
    require(request.user, "council.record_harvest", event)
    form = HarvestForm(posted(request), initial={"harvest": event.harvest})
    if request.method == "POST" and form.is_valid():
        services.event_record_harvest(event=event, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The harvest has been saved."))
        return redirect(event)
    return form_page(
        request,
        form,
        heading=_("Record the harvest"),
        back_url=event.get_absolute_url(),
        back_label=str(event),
    )


@login_required
def follow_up_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    require(request.user, "council.add_follow_up", event)
    form = FollowUpForm(posted(request), event=event, initial={"topic": request.GET.get("topic")})
    if request.method == "POST" and form.is_valid():
        services.follow_up_add(event=event, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The follow-up has been added."))
        return redirect(event)
    return form_page(
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
    require(request.user, "council.update_follow_up", action)
    form = FollowUpUpdateForm(
        posted(request),
        initial={"status": action.status, "message_to_resident": action.message_to_resident},
    )
    if request.method == "POST" and form.is_valid():
        services.follow_up_update(action=action, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The follow-up has been saved."))
        return redirect(action.event)
    return form_page(
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
