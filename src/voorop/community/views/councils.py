"""Area council pages: the council (members, make-up, meetings, decisions, answered items,
the area's budget), what members manage, and a resident's agenda item."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.community import selectors, services
from voorop.community.forms import (
    AnswerForm,
    CouncilDescriptionForm,
    CouncilForm,
    DecisionForm,
    MemberForm,
    ProposeItemForm,
    TermForm,
)
from voorop.community.models import AgendaItem, AgendaItemStatus, AreaCouncil
from voorop.community.views.base import form_page
from voorop.core.forms import posted
from voorop.core.pagination import page_of
from voorop.core.permissions import permission_required, require


def council_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/council_list.html",
        {"page": page_of(request, selectors.councils_list())},
    )


def council_detail(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_object_or_404(AreaCouncil.objects.select_related("area", "draw"), slug=slug)
    user = request.user
    can_manage = user.has_perm("community.manage_council", council)
    return render(
        request,
        "community/council_detail.html",
        {
            "council": council,
            "members": selectors.current_members(council),
            "make_up": selectors.council_make_up(council),
            "meetings": page_of(request, selectors.meetings_of(council), per_page=10),
            "decisions": council.decisions.all()[:10],
            "answered": selectors.answered_items(council)[:20],
            "open_items": selectors.open_items(council) if can_manage else None,
            "budget": selectors.council_budget(council),
            "can_manage": can_manage,
            "can_manage_councils": user.has_perm("community.manage_councils"),
            "can_propose": user.has_perm("community.propose_agenda_item", council),
            "my_waiting": selectors.waiting_items_of(council, user),
        },
    )


def _save_council(request: HttpRequest, council: AreaCouncil | None) -> HttpResponse:
    form_class = (
        CouncilForm
        if request.user.has_perm("community.manage_councils")
        else CouncilDescriptionForm
    )
    form = form_class(posted(request), instance=council)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.council_save(
                actor=request.user, council=council, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The area council has been saved."))
            return redirect(saved)
    return form_page(
        request,
        form,
        heading=_("Change area council") if council else _("New area council"),
        back_url=council.get_absolute_url() if council else reverse("community:council_list"),
        back_label=str(council) if council else _("Area councils"),
    )


@permission_required("community.manage_councils")
def council_create(request: HttpRequest) -> HttpResponse:
    return _save_council(request, None)


def council_edit(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    require(request.user, "community.manage_council", council)
    return _save_council(request, council)


@permission_required("community.manage_councils")
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    form = MemberForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        email = data.pop("email")
        user = None
        if email:
            user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                form.add_error("email", _("There is no account with this e-mail address."))
        if not form.errors:
            try:
                services.member_add(actor=request.user, council=council, user=user, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The member has been added."))
                return redirect(council)
    return form_page(
        request,
        form,
        heading=_("Add a member"),
        back_url=council.get_absolute_url(),
        back_label=str(council),
    )


@permission_required("community.manage_councils")
def members_seat_drawn(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    form = TermForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            seated = services.members_seat_drawn(
                actor=request.user, council=council, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(n)s members drawn by lot have been seated.") % {"n": len(seated)}
            )
            return redirect(council)
    return form_page(
        request,
        form,
        heading=_("Seat the members drawn by lot"),
        intro=_("The group drawn in the linked citizens' assembly takes its seats in the council."),
        back_url=council.get_absolute_url(),
        back_label=str(council),
        button=_("Seat them"),
    )


@require_POST
@permission_required("community.manage_councils")
def member_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    member = get_object_or_404(council.members, pk=pk)
    services.member_end_term(actor=request.user, member=member)
    messages.success(request, _("The term of %(name)s has ended.") % {"name": member})
    return redirect(council)


@login_required
def item_propose(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    require(request.user, "community.propose_agenda_item", council)
    form = ProposeItemForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.item_propose(council=council, proposer=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you. The council will answer your item, also if it does not take "
                    "it up. You get the answer by e-mail."
                ),
            )
            return redirect(council)
    return form_page(
        request,
        form,
        heading=_("Put an item on the agenda of %(council)s") % {"council": council},
        intro=_("The council answers every item. It is shown on this page with the answer."),
        back_url=council.get_absolute_url(),
        back_label=str(council),
        button=_("Send"),
    )


def item_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    require(request.user, "community.manage_council", council)
    item = get_object_or_404(AgendaItem, council=council, pk=pk, status=AgendaItemStatus.PROPOSED)
    form = AnswerForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.item_answer(
                actor=request.user,
                item=item,
                answer=data["answer"],
                take_up=data["decision"] == "take_up",
                meeting=data["meeting"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your answer has been sent."))
            return redirect(council)
    return form_page(
        request,
        form,
        heading=_("Answer: %(title)s") % {"title": item.title},
        intro=item.text,
        back_url=council.get_absolute_url(),
        back_label=str(council),
        button=_("Send answer"),
    )


def decision_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_object_or_404(AreaCouncil, slug=slug)
    require(request.user, "community.manage_council", council)
    form = DecisionForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(actor=request.user, council=council, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The decision has been published; followers get an e-mail.")
            )
            return redirect(council)
    return form_page(
        request,
        form,
        heading=_("Publish a decision"),
        back_url=council.get_absolute_url(),
        back_label=str(council),
    )
