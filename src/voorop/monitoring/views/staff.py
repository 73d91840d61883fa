"""Staff pages: the staff dashboard (programmes, snapshots and their jobs, manual
indicators), and the forms that define indicators and programmes, enter values, take a
snapshot and keep an experiment's learning log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.core import jobs
from voorop.core.forms import posted
from voorop.core.pagination import page_of
from voorop.core.permissions import permission_required, require
from voorop.monitoring import selectors, services
from voorop.monitoring.forms import (
    ExperimentIndicatorForm,
    ExperimentValueForm,
    LessonForm,
    ManualIndicatorForm,
    ManualValueForm,
    ProgrammeForm,
    SnapshotRequestForm,
    apply_errors,
)
from voorop.monitoring.models import Programme, Snapshot


@permission_required("monitoring.view_staff_dashboard")
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.programmes_visible_to(request.user))
    for programme in programmes:
        programme.recent = list(selectors.snapshots_of(programme)[:5])
        programme.definitions = [
            selectors.definition_of(key) or {"key": key, "name": key}
            for key in programme.indicator_keys
        ]
    page = page_of(request, selectors.manual_values())
    return render(
        request,
        "monitoring/staff.html",
        {
            "programmes": programmes,
            "manual_indicators": selectors.manual_indicators(),
            "page": page,
            "values": page.object_list,
            "snapshot_form": SnapshotRequestForm(),
        },
    )


@permission_required("monitoring.manage_indicators")
def manual_indicator_create(request: HttpRequest) -> HttpResponse:
    form = ManualIndicatorForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.manual_indicator_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The indicator has been added."))
            return redirect("monitoring:staff")
    return render(
        request,
        "monitoring/form.html",
        {"form": form, "title": _("Add a manual indicator"), "back": "monitoring:staff"},
    )


@permission_required("monitoring.enter_values")
def manual_value_enter(request: HttpRequest) -> HttpResponse:
    form = ManualValueForm(posted(request), initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.manual_value_enter(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The value has been saved."))
            return redirect("monitoring:staff")
    return render(
        request,
        "monitoring/form.html",
        {"form": form, "title": _("Enter a value"), "back": "monitoring:staff"},
    )


@permission_required("monitoring.manage_programmes")
def programme_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(posted(request), choices=selectors.indicator_choices())
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The programme has been added."))
            return redirect("monitoring:staff")
    return render(
        request,
        "monitoring/form.html",
        {"form": form, "title": _("Add a programme"), "back": "monitoring:staff"},
    )


@permission_required("monitoring.manage_programmes")
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    initial = {
        "name": programme.name,
        "question": programme.question,
        "description": programme.description,
        "is_public": programme.is_public,
        "indicator_keys": programme.indicator_keys,
    }
    form = ProgrammeForm(posted(request), initial=initial, choices=selectors.indicator_choices())
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        keys = data.pop("indicator_keys")
        try:
            services.programme_update(actor=request.user, programme=programme, **data)
            services.programme_set_indicators(actor=request.user, programme=programme, keys=keys)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The programme has been saved."))
            return redirect("monitoring:staff")
    return render(
        request,
        "monitoring/form.html",
        {"form": form, "title": _("Change the programme"), "back": "monitoring:staff"},
    )


@permission_required("monitoring.take_snapshot")
def snapshot_request(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    form = SnapshotRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.snapshot_request(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The snapshot is being taken. This page shows when it is ready.")
            )
            return redirect("monitoring:staff")
    return render(
        request,
        "monitoring/form.html",
        {"form": form, "title": _("Take a snapshot now"), "back": "monitoring:staff"},
    )


@require_POST
@permission_required("monitoring.take_snapshot")
def snapshot_retry(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot, pk=pk)
    if jobs.retry(snapshot):
        messages.success(request, _("The snapshot is being taken again."))
    return redirect("monitoring:staff")


def _experiment_for_log(request: HttpRequest, pk: int):
    initiative = selectors.experiment(pk)
    if initiative is None:
        raise Http404
    require(request.user, "monitoring.keep_learning_log", initiative)
    return initiative


def lesson_add(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    initiative = _experiment_for_log(request, pk)
    form = LessonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.lesson_add(actor=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The lesson has been added."))
            return redirect("monitoring:experiment", pk=pk)
    return render(
        request,
        "monitoring/form.html",
        {"form": form, "title": _("Add to the learning log"), "initiative": initiative},
    )


def experiment_indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    initiative = _experiment_for_log(request, pk)
    form = ExperimentIndicatorForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.experiment_indicator_add(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The indicator has been added."))
            return redirect("monitoring:experiment", pk=pk)
    return render(
        request,
        "monitoring/form.html",
        {"form": form, "title": _("Add an indicator of this experiment"), "initiative": initiative},
    )


def experiment_value_enter(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    initiative = _experiment_for_log(request, pk)
    form = ExperimentValueForm(
        posted(request), indicators=selectors.experiment_indicators(initiative)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.experiment_value_enter(actor=request.user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The value has been saved."))
            return redirect("monitoring:experiment", pk=pk)
    return render(
        request,
        "monitoring/form.html",
        {"form": form, "title": _("Enter a value"), "initiative": initiative},
    )
