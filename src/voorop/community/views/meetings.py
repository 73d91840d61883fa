"""Meeting pages of an area council: a meeting with its agenda and minutes, planning it and
changing its time and place, the council's own agenda items (put on, changed, withdrawn),
publishing the agenda, the minutes; and a resident withdrawing their item."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.community import selectors, services
from voorop.community.forms import (
    ConfirmForm,
    ItemForm,
    MeetingForm,
    MinutesForm,
)
from voorop.community.models import AgendaItem, AreaCouncil, Meeting
from voorop.community.views.base import form_page
from voorop.core.forms import posted
from voorop.core.permissions import require


def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    meeting = get_object_or_404(Meeting, council=council, pk=pk)
    user = request.user
    return render(
        request,
        "community/meeting_detail.html",
        {
            "council": council,
            "meeting": meeting,
            "items": [
                (item, user.has_perm("community.edit_agenda_item", item))
                for item in selectors.agenda_of(meeting)
            ],
            "decisions": meeting.decisions.all(),
            "can_manage": user.has_perm("community.manage_council", council),
            "can_edit": user.has_perm("community.edit_meeting", meeting),
            "show_minutes": user.has_perm("community.view_minutes", meeting),
        },
    )


def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    require(request.user, "community.manage_council", council)
    form = MeetingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_save(
            actor=request.user, council=council, meeting=None, data=form.cleaned_data
        )
        messages.success(request, _("The meeting has been planned. Now put items on its agenda."))
        return redirect(meeting)
    return form_page(
        request,
        form,
        heading=_("Plan a meeting"),
        back_url=council.get_absolute_url(),
        back_label=str(council),
    )


def item_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    meeting = get_object_or_404(Meeting, council=council, pk=pk)
    require(request.user, "community.manage_council", council)
    form = ItemForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.item_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The item is on the agenda."))
        return redirect(meeting)
    return form_page(
        request,
        form,
        heading=_("Put an item on the agenda"),
        back_url=meeting.get_absolute_url(),
        back_label=str(meeting),
    )


@require_POST
def agenda_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    meeting = get_object_or_404(Meeting, council=council, pk=pk)
    require(request.user, "community.manage_council", council)
    try:
        services.agenda_publish(actor=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The agenda has been published; followers get an e-mail."))
    return redirect(meeting)


def minutes_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    meeting = get_object_or_404(Meeting, council=council, pk=pk)
    require(request.user, "community.manage_council", council)
    form = MinutesForm(
        posted(request),
        initial={"minutes": meeting.minutes, "approved": meeting.minutes_approved_at is not None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The minutes have been saved."))
            return redirect(meeting)
    return form_page(
        request,
        form,
        heading=_("Minutes of %(meeting)s") % {"meeting": meeting},
        intro=_("Minutes are public only after the council has approved them."),
        back_url=meeting.get_absolute_url(),
        back_label=str(meeting),
    )


def meeting_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    meeting = get_object_or_404(Meeting, council=council, pk=pk)
    require(request.user, "community.edit_meeting", meeting)
    form = MeetingForm(
        posted(request), initial={"starts_at": meeting.starts_at, "place": meeting.place}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_save(
                actor=request.user, council=council, meeting=meeting, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The time and place of the meeting have been changed."))
            return redirect(meeting)
    return form_page(
        request,
        form,
        heading=_("Change the time and place"),
        back_url=meeting.get_absolute_url(),
        back_label=str(meeting),
    )


def _agenda_item(council: AreaCouncil, pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting", "council"), council=council, pk=pk
    )


def item_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    item = _agenda_item(council, pk)
    require(request.user, "community.edit_agenda_item", item)
    form = ItemForm(posted(request), initial={"title": item.title, "text": item.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.item_edit(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The agenda item has been changed."))
            return redirect(item.meeting or council)
    back = item.meeting or council
    return form_page(
        request,
        form,
        heading=_("Change the agenda item"),
        back_url=back.get_absolute_url(),
        back_label=str(back),
    )


@login_required
def item_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    item = _agenda_item(council, pk)
    require(request.user, "community.withdraw_agenda_item", item)
    back = item.meeting or council
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.item_withdraw(actor=request.user, item=item)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The item has been withdrawn."))
            return redirect(back)
    if item.proposer_id == request.user.pk:
        intro = _("The council will not answer this item. You can put it forward again later.")
    else:
        intro = _("The item leaves the agenda of this meeting.")
    return form_page(
        request,
        form,
        heading=_("Withdraw: %(title)s") % {"title": item.title},
        intro=intro,
        back_url=back.get_absolute_url(),
        back_label=str(back),
        button=_("Withdraw the item"),
    )
