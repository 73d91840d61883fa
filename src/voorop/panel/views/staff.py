"""What organisers see: their panels, the members' make-up against the population with the
gaps, recruitment by letter, and consultations from the questionnaire to the feedback."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.core.forms import posted, uploaded_files
from voorop.core.letters import letters_pdf
from voorop.core.spreadsheets import ODS_MIME
from voorop.panel import forms, selectors, services
from voorop.panel.models import Panel, Question
from voorop.panel.views._common import attachment, get_consultation, get_panel, login_or_403


@login_or_403
def work(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("panel.view_work_list"):
        raise PermissionDenied("panel.view_work_list")
    panels = Panel.objects.filter(organisers=request.user).annotate(n=Count("members"))
    return render(
        request,
        "panel/work.html",
        {"panels": panels, "can_add": request.user.has_perm("panel.add_panel")},
    )


@login_or_403
def panel_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("panel.add_panel"):
        raise PermissionDenied("panel.add_panel")
    form = forms.PanelForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            panel = services.panel_create(
                actor=request.user,
                title=data["title"],
                description=data["description"],
                features=form.features,
                area_feature=data["area_feature"].strip(),
                term_years=data["term_years"],
                open_signup=data["open_signup"],
            )
        except ValidationError as error:
            form.add_error("area_feature", error)
        else:
            return redirect("panel:manage", pk=panel.pk)
    return render(request, "panel/panel_form.html", {"form": form})


@login_or_403
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The panel's make-up against the population, the gaps in plain words, and the work."""
    panel = get_panel(request, pk, "panel.manage_panel")
    table = selectors.makeup(panel)
    return render(
        request,
        "panel/manage.html",
        {
            "panel": panel,
            "table": table,
            "gaps": selectors.gaps(table),
            "member_count": panel.members.count(),
            "consultations": panel.consultations.all()[:50],
            "overdue": selectors.consultations_overdue(panel),
            "address_count": panel.addresses.count(),
            "opinion_maps": panel.opinion_maps.all()[:20],
            "recruitments": panel.recruitments.annotate(used=Count("invitations__used_at"))[:20],
        },
    )


@login_or_403
def population(request: HttpRequest, pk: int) -> HttpResponse:
    panel = get_panel(request, pk, "panel.manage_panel")
    form = forms.PopulationForm(
        posted(request),
        uploaded_files(request),
        panel=panel,
        figures=selectors.population_figures(panel),
    )
    if request.method == "POST" and form.is_valid():
        services.population_save(actor=request.user, panel=panel, figures=form.figures)
        messages.success(request, _("The population figures have been saved."))
        return redirect("panel:manage", pk=panel.pk)
    return render(request, "panel/population.html", {"panel": panel, "form": form})


@login_or_403
def recruitment(request: HttpRequest, pk: int) -> HttpResponse:
    """The address file and a draw of addresses for letters, aimed at the gaps."""
    panel = get_panel(request, pk, "panel.manage_panel")
    action = request.POST.get("action") if request.method == "POST" else None
    upload = forms.AddressUploadForm(
        posted(request) if action == "addresses" else None,
        uploaded_files(request) if action == "addresses" else None,
    )
    draw = forms.RecruitmentForm(posted(request) if action == "draw" else None)
    if action == "addresses" and upload.is_valid():
        count = services.addresses_import(actor=request.user, panel=panel, rows=upload.rows)
        messages.success(request, _("%(count)s addresses have been imported.") % {"count": count})
        return redirect("panel:recruitment", pk=panel.pk)
    if action == "draw" and draw.is_valid():
        try:
            services.recruitment_draw(
                actor=request.user,
                panel=panel,
                count=draw.cleaned_data["count"],
                seed=draw.cleaned_data["seed"],
            )
        except ValidationError as error:
            draw.add_error("count", error)
        else:
            messages.success(request, _("The addresses have been drawn. Download the letters."))
            return redirect("panel:recruitment", pk=panel.pk)
    weights = services.area_weights(panel)
    return render(
        request,
        "panel/recruitment.html",
        {
            "panel": panel,
            "upload": upload,
            "draw": draw,
            "has_errors": bool(upload.errors or draw.errors),
            "address_count": panel.addresses.count(),
            "free_count": panel.addresses.filter(invitation__isnull=True).count(),
            "targets": sorted(
                ((area, round(n)) for area, n in weights.items() if n > 0), key=lambda x: -x[1]
            ),
            "recruitments": panel.recruitments.annotate(used=Count("invitations__used_at"))[:20],
        },
    )


@require_POST
@login_or_403
def letters(request: HttpRequest, pk: int, recruitment_pk: int) -> HttpResponse:
    panel = get_panel(request, pk, "panel.manage_panel")
    batch = get_object_or_404(panel.recruitments, pk=recruitment_pk)
    letters = services.letters_generate(actor=request.user, recruitment=batch)
    if not letters:
        messages.warning(request, _("Every letter of this batch has been used."))
        return redirect("panel:recruitment", pk=panel.pk)
    pdf = letters_pdf(
        "panel/letters.html",
        letters=letters,
        entry_path=reverse("panel:join", args=[panel.pk]),
        context={"panel": panel},
        base_url=request.build_absolute_uri("/"),
    )
    response = attachment(pdf, "application/pdf", f"burgerpanel-brieven-{batch.pk}.pdf")
    add_never_cache_headers(response)  # the letters hold codes in clear
    return response


@login_or_403
def consultation_create(request: HttpRequest, pk: int) -> HttpResponse:
    panel = get_panel(request, pk, "panel.add_consultation")
    form = forms.ConsultationForm(posted(request), panel=panel)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.consultation_create(
                actor=request.user,
                panel=panel,
                title=data["title"],
                intro=data["intro"],
                closing_text=data["closing_text"],
                closes_at=form.closes_at(),
                feedback_due=data["feedback_due"],
                weighting=data.get("weighting"),
            )
        except ValidationError as error:
            codes = {
                "closes_at": "closes_on",
                "feedback_due": "feedback_due",
                "weighting": "weighting" if "weighting" in form.fields else None,
            }
            field = codes.get(getattr(error, "code", ""))
            form.add_error(field, error)
        else:
            return redirect("panel:consultation", pk=consultation.pk)
    return render(request, "panel/consultation_form.html", {"panel": panel, "form": form})


@login_or_403
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    """The questionnaire builder while it is prepared; sending; the state once sent."""
    consultation = get_consultation(request, pk, "panel.manage_panel")
    can_edit = request.user.has_perm("panel.change_consultation", consultation)
    action = request.POST.get("action") if request.method == "POST" else None
    question_form = forms.QuestionForm(posted(request) if action == "question" else None)
    send_form = forms.SendForm(posted(request) if action == "send" else None)
    if action in ("question", "delete") and not can_edit:
        raise PermissionDenied("panel.change_consultation")
    if action == "question" and question_form.is_valid():
        data = question_form.cleaned_data
        try:
            services.question_add(
                actor=request.user,
                consultation=consultation,
                kind=data["kind"],
                text=data["text"],
                help_text=data["help_text"],
                options=question_form.options(),
                scale_size=data["scale_size"] or 5,
                points=data["points"] or 100,
                required=data["required"],
            )
        except ValidationError as error:
            question_form.add_error("options_text" if error.code == "options" else None, error)
        else:
            messages.success(request, _("The question has been added."))
            return redirect("panel:consultation", pk=consultation.pk)
    if action == "delete":
        question = get_object_or_404(
            Question, pk=request.POST.get("question"), consultation=consultation
        )
        services.question_delete(actor=request.user, question=question)
        messages.success(request, _("The question has been removed."))
        return redirect("panel:consultation", pk=consultation.pk)
    if action == "send":
        if not request.user.has_perm("panel.send_consultation", consultation):
            raise PermissionDenied("panel.send_consultation")
        if send_form.is_valid():
            data = send_form.cleaned_data
            try:
                count = services.consultation_send(
                    actor=request.user,
                    consultation=consultation,
                    sample_size=data["sample_size"] if data["audience"] == "sample" else None,
                    seed=data["seed"],
                )
            except ValidationError as error:
                send_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The invitations are being sent to %(count)s members.") % {"count": count},
                )
                return redirect("panel:consultation", pk=consultation.pk)
    return render(
        request,
        "panel/consultation.html",
        {
            "consultation": consultation,
            "panel": consultation.panel,
            "questions": consultation.questions.all(),
            "question_form": question_form,
            "send_form": send_form,
            "has_errors": bool(question_form.errors or send_form.errors),
            "can_edit": can_edit,
            "can_send": request.user.has_perm("panel.send_consultation", consultation),
            "can_view_results": request.user.has_perm("panel.view_results", consultation),
            "can_publish": request.user.has_perm("panel.publish_feedback", consultation),
            "invited": consultation.invites.count(),
            "answered": consultation.responses.count(),
            "member_count": consultation.panel.members.count(),
            "overdue": consultation.feedback_published_at is None
            and consultation.closes_at <= timezone.now()
            and consultation.feedback_due < timezone.localdate(),
        },
    )


@login_or_403
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_consultation(request, pk, "panel.publish_feedback")
    form = forms.FeedbackForm(posted(request), initial={"feedback": consultation.feedback})
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_publish(
                actor=request.user,
                consultation=consultation,
                feedback=form.cleaned_data["feedback"],
            )
        except ValidationError as error:
            form.add_error("feedback", error)
        else:
            messages.success(
                request, _("The feedback is published and e-mailed to everyone who took part.")
            )
            return redirect("panel:results", pk=consultation.pk)
    return render(request, "panel/feedback.html", {"consultation": consultation, "form": form})


@login_or_403
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    consultation = get_consultation(request, pk, "panel.view_results")
    if fmt == "ods":
        return attachment(
            selectors.results_ods(consultation), ODS_MIME, f"resultaten-{consultation.pk}.ods"
        )
    return attachment(
        selectors.results_csv(consultation),
        "text/csv; charset=utf-8",
        f"resultaten-{consultation.pk}.csv",
    )
