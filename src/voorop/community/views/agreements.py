"""Society agreement pages: the list per theme, one agreement with its parties and their
commitments and progress, signing up, reporting progress, and the public register."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from voorop.community import selectors, services
from voorop.community.forms import AgreementForm, ProgressForm, SignForm
from voorop.community.models import Agreement, Commitment
from voorop.community.views.base import form_page
from voorop.core.areas.models import Theme
from voorop.core.forms import posted
from voorop.core.pagination import page_of
from voorop.core.permissions import permission_required, require


def agreement_list(request: HttpRequest) -> HttpResponse:
    agreements = selectors.agreements_list()
    theme = request.GET.get("thema", "")
    if theme:
        agreements = agreements.filter(theme__slug=theme)
    return render(
        request,
        "community/agreement_list.html",
        {
            "page": page_of(request, agreements),
            "themes": Theme.objects.all(),
            "theme": theme,
        },
    )


def agreement_register(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/agreement_register.html",
        {"page": page_of(request, selectors.agreement_register())},
    )


def agreement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.select_related("theme"), slug=slug)
    user = request.user
    commitments = list(selectors.commitments_of(agreement))
    for commitment in commitments:
        commitment.may_report = user.has_perm("community.report_progress", commitment)
    return render(
        request,
        "community/agreement_detail.html",
        {
            "agreement": agreement,
            "parties": agreement.parties.select_related("user"),
            "commitments": commitments,
            "can_sign": user.has_perm("community.sign_agreement", agreement),
            "can_manage": user.has_perm("community.manage_agreements"),
        },
    )


def _save(request: HttpRequest, agreement: Agreement | None) -> HttpResponse:
    form = AgreementForm(posted(request), instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.agreement_save(
                actor=request.user, agreement=agreement, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The agreement has been saved."))
            return redirect(saved)
    return form_page_for(request, form, agreement)


def form_page_for(
    request: HttpRequest, form: AgreementForm, agreement: Agreement | None
) -> HttpResponse:
    return form_page(
        request,
        form,
        heading=_("Change agreement") if agreement else _("New society agreement"),
        back_url=agreement.get_absolute_url() if agreement else reverse("community:agreements"),
        back_label=str(agreement) if agreement else _("Society agreements"),
    )


@permission_required("community.manage_agreements")
def agreement_create(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


@permission_required("community.manage_agreements")
def agreement_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _save(request, get_object_or_404(Agreement, slug=slug))


@login_required
def agreement_sign(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = get_object_or_404(Agreement, slug=slug)
    require(request.user, "community.sign_agreement", agreement)
    form = SignForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_sign(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("You have signed the agreement. Thank you!"))
            return redirect(agreement)
    return form_page(
        request,
        form,
        heading=_("Sign: %(title)s") % {"title": agreement},
        intro=agreement.summary,
        back_url=agreement.get_absolute_url(),
        back_label=str(agreement),
        button=_("Sign"),
    )


@login_required
def progress_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement, slug=slug)
    commitment = get_object_or_404(
        Commitment.objects.select_related("party"), agreement=agreement, pk=pk
    )
    require(request.user, "community.report_progress", commitment)
    form = ProgressForm(posted(request), initial={"status": commitment.status})
    if request.method == "POST" and form.is_valid():
        services.progress_report(actor=request.user, commitment=commitment, **form.cleaned_data)
        messages.success(request, _("Your progress has been published."))
        return redirect(agreement)
    return form_page(
        request,
        form,
        heading=_("Report progress"),
        intro=commitment.text,
        back_url=agreement.get_absolute_url(),
        back_label=str(agreement),
        button=_("Publish now"),
    )
