"""What residents see: the panel's page with past consultations, joining (open or with the
code of a letter), their own page (leave, renew), answering with the personal link, and the
published results with the feedback."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from voorop.core import throttle
from voorop.core.forms import posted
from voorop.core.pagination import page_of
from voorop.panel import forms, selectors, services
from voorop.panel.models import Consultation, Panel


def index(request: HttpRequest) -> HttpResponse:
    panels = page_of(request, Panel.objects.all())
    return render(request, "panel/index.html", {"page": panels})


def panel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    panel = get_object_or_404(Panel, pk=pk)
    consultations = page_of(request, selectors.public_consultations(panel))
    return render(
        request,
        "panel/panel.html",
        {
            "panel": panel,
            "page": consultations,
            "member_count": panel.members.count(),
            "opinion_maps": selectors.maps_public().filter(panel=panel)[:10],
            "can_manage": request.user.has_perm("panel.manage_panel", panel),
        },
    )


@never_cache
def join(request: HttpRequest, pk: int) -> HttpResponse:
    panel = get_object_or_404(Panel, pk=pk)
    form = forms.JoinForm(
        posted(request), panel=panel, initial={"code": request.GET.get("code", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        client = throttle.client_key(request)
        try:
            if data["code"]:
                services.signup_code_check(panel=panel, code=data["code"], client=client)
            elif not request.user.has_perm("panel.sign_up", panel):
                raise ValidationError(
                    _("You can join this panel only with the code from a letter."), code="wrong"
                )
            services.member_join(
                actor=request.user,
                panel=panel,
                name=data["name"],
                email=data["email"],
                features=form.features(),
                consent=data["consent"],
                code=data["code"],
                client=client,
            )
        except ValidationError as error:
            code = getattr(error, "code", "")
            field = {"wrong": "code", "used": "code"}.get(code)
            form.add_error(field, error)
        else:
            # Also when the address was a member already (they get a mail saying so): the
            # page must not tell anyone whether an address is in the panel.
            return redirect("panel:joined", pk=panel.pk)
    return render(request, "panel/join.html", {"panel": panel, "form": form})


def joined(request: HttpRequest, pk: int) -> HttpResponse:
    panel = get_object_or_404(Panel, pk=pk)
    return render(request, "panel/joined.html", {"panel": panel})


@never_cache
def member(request: HttpRequest, token: str) -> HttpResponse:
    """A member's own page, from the link in every mail: details, leave, stay."""
    found = services.member_by_token(token)
    if found is None:
        return render(request, "panel/link_unknown.html", status=404)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "leave":
            panel = found.panel
            services.member_leave(member=found)
            return render(request, "panel/left.html", {"panel": panel})
        if action == "renew":
            services.member_renew(member=found)
            messages.success(request, _("Thank you! You stay a member for another term."))
            return redirect("panel:member", token=token)
    response = render(request, "panel/member.html", {"member": found, "panel": found.panel})
    response["Referrer-Policy"] = "same-origin"  # the link holds a token: keep it on this site
    return response


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """Answer a consultation with the personal link (no log-in)."""
    invite = selectors.invite_by_token(token)
    if invite is None or (invite.member_id is None and not invite.answered):
        return render(request, "panel/link_unknown.html", status=404)
    consultation = invite.consultation
    if invite.answered:
        return render(request, "panel/thanks.html", {"consultation": consultation})
    if not request.user.has_perm("panel.answer", consultation):
        return render(request, "panel/answer_closed.html", {"consultation": consultation})
    questions = list(consultation.questions.all())
    form = forms.AnswerForm(posted(request), questions=questions)
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        if form.is_valid():
            try:
                services.answers_submit(invite=invite, answers=answers)
            except ValidationError as error:
                if getattr(error, "code", "") == "answered":
                    return render(request, "panel/thanks.html", {"consultation": consultation})
                if getattr(error, "code", "") == "no_member":  # left or removed meanwhile
                    return render(request, "panel/link_unknown.html", status=404)
                if hasattr(error, "error_dict"):
                    form.add_question_errors(error.message_dict)
                else:
                    form.add_error(None, error)
            else:
                return render(request, "panel/thanks.html", {"consultation": consultation})
    response = render(request, "panel/answer.html", {"consultation": consultation, "form": form})
    response["Referrer-Policy"] = "same-origin"  # the link holds a token: keep it on this site
    add_never_cache_headers(response)
    return response


def results(request: HttpRequest, pk: int) -> HttpResponse:
    """The published results of a consultation with the feedback (everyone), or the results
    for its organisers once it has closed."""
    consultation = get_object_or_404(Consultation.objects.select_related("panel"), pk=pk)
    public = request.user.has_perm("panel.view_public_results", consultation)
    staff = request.user.has_perm("panel.view_results", consultation)
    if not (public or staff):
        if request.user.is_authenticated:
            raise PermissionDenied("panel.view_results")
        raise Http404
    weights, rows = selectors.question_results(consultation)
    return render(
        request,
        "panel/results.html",
        {
            "consultation": consultation,
            "panel": consultation.panel,
            "weights": weights,
            "results": rows,
            "is_staff_view": staff,
            "invited": consultation.invites.count(),
            "answered": consultation.responses.count(),
        },
    )


def open_answers(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation.objects.select_related("panel"), pk=pk)
    if not (
        request.user.has_perm("panel.view_public_results", consultation)
        or request.user.has_perm("panel.view_results", consultation)
    ):
        raise Http404
    question = get_object_or_404(consultation.questions, pk=question_pk, kind="open")
    search = request.GET.get("zoek", "")[:100]
    page = page_of(request, selectors.open_answers(question, search), per_page=50)
    return render(
        request,
        "panel/open_answers.html",
        {"consultation": consultation, "question": question, "page": page, "search": search},
    )
