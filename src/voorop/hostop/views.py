"""Pages of the Ho-stop card: raise a card on any registered process, the card's page,
propose an adjustment, consent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.core.forms import posted
from voorop.hostop import selectors, services
from voorop.hostop.forms import AdjustmentForm, DecisionForm, RaiseForm
from voorop.hostop.models import HoStopCard
from voorop.hostop.protocol import is_hostoppable


def _target(app_label: str, model: str, pk: int) -> Model:
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        target = content_type.get_object_for_this_type(pk=pk)
    except Exception as error:  # unknown model or object: the same "not found" for both
        raise Http404 from error
    if not is_hostoppable(target):
        raise Http404
    return target


@login_required
def raise_card(request: HttpRequest, app_label: str, model: str, pk: int) -> HttpResponse:
    target = _target(app_label, model, pk)
    if not request.user.has_perm("hostop.raise_card", target):
        raise PermissionDenied
    form = RaiseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            card = services.hostop_raise(
                target=target, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The process is paused. Everyone involved has been told."))
            return redirect(card)
    return render(request, "hostop/raise.html", {"form": form, "target": target})


def _card(pk: int) -> HoStopCard:
    try:
        return selectors.card_detail(pk)
    except HoStopCard.DoesNotExist as error:
        raise Http404 from error


def card(
    request: HttpRequest,
    pk: int,
    adjustment_form: AdjustmentForm | None = None,
    decision_form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    card = _card(pk)
    may_stop = card.awaits_griffie and services.may_stop(card)
    return render(
        request,
        "hostop/card.html",
        {
            "card": card,
            "target": card.target,
            "adjustment_form": adjustment_form or AdjustmentForm(),
            "decision_form": decision_form or DecisionForm(may_stop=may_stop),
            "timeline": card.timeline.for_timeline(),
            "consented": sum(1 for p in card.parties.all() if p.consented_at),
        },
        status=status,
    )


@login_required
@require_POST
def adjust(request: HttpRequest, pk: int) -> HttpResponse:
    card_ = _card(pk)
    form = AdjustmentForm(request.POST)
    if form.is_valid():
        try:
            services.hostop_propose_adjustment(
                card=card_, actor=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your proposal has been shared with everyone involved."))
            return redirect(card_)
    return card(request, pk, adjustment_form=form, status=400)


@login_required
@require_POST
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    card_ = _card(pk)
    if not request.user.has_perm("hostop.consent", card_):
        # A second click, or a card that resumed meanwhile: say so instead of a 403.
        messages.info(request, _("Your consent was already recorded, or the card is closed."))
        return redirect(card_)
    services.hostop_consent(card=card_, actor=request.user)
    card_.refresh_from_db()
    if card_.is_open:
        messages.success(request, _("Thank you. The process continues when everyone agrees."))
    else:
        messages.success(request, _("Everyone agrees: the process continues."))
    return redirect(card_)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    card_ = _card(pk)
    if not request.user.has_perm("hostop.decide", card_):
        raise PermissionDenied("hostop.decide")
    form = DecisionForm(request.POST, may_stop=services.may_stop(card_))
    if form.is_valid():
        try:
            services.hostop_decide(
                card=card_,
                actor=request.user,
                resume=form.cleaned_data["decision"] == "resume",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your decision and its reason are on the card."))
            return redirect(card_)
    return card(request, pk, decision_form=form, status=400)
