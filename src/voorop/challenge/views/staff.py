"""The municipality's pages: the task catalogue and the procedure settings, the work list,
and one view for every staff step (`STEPS`, decision 0005 point 3)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voorop.challenge import selectors, services
from voorop.challenge.forms import (
    AgreementForm,
    AssessmentForm,
    DecisionForm,
    ProcedureSettingsForm,
    ReasonForm,
    TalkForm,
    TaskForm,
)
from voorop.challenge.models import Challenge, ProcedureSettings, Task
from voorop.core.forms import posted
from voorop.core.permissions import permission_required, require


@permission_required("challenge.manage_tasks")
def task_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    task = get_object_or_404(Task, pk=pk) if pk else None
    form = TaskForm(posted(request), instance=task)
    if request.method == "POST" and form.is_valid():
        task = services.task_save(actor=request.user, task=task, data=form.cleaned_data)
        messages.success(request, _("The task has been saved."))
        return redirect(task)
    return render(request, "challenge/task_form.html", {"form": form, "task": task})


@permission_required("challenge.configure_procedure")
def procedure_edit(request: HttpRequest) -> HttpResponse:
    form = ProcedureSettingsForm(posted(request), instance=ProcedureSettings.current())
    if request.method == "POST" and form.is_valid():
        services.procedure_settings_update(actor=request.user, data=form.cleaned_data)
        messages.success(request, _("The procedure has been saved."))
        return redirect("challenge:procedure")
    return render(request, "challenge/procedure_form.html", {"form": form})


@permission_required("challenge.view_work_list")
def work_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "challenge/work_list.html", {"challenges": selectors.challenges_work_list()}
    )


@dataclass(frozen=True)
class Step:
    label: Any
    permission: str
    form: Callable[..., Any]
    run: Callable[..., Any]
    button: Any


STEPS: dict[str, Step] = {
    "ontvangst": Step(
        gettext_lazy("Acknowledge receipt"),
        "challenge.acknowledge",
        lambda data: ReasonForm(
            data,
            label=gettext_lazy("Message to the group"),
            required=False,
            help_text=gettext_lazy("For example who their contact person is."),
        ),
        lambda c, u, f: services.challenge_acknowledge(
            challenge=c, actor=u, message=f.cleaned_data["text"]
        ),
        gettext_lazy("Acknowledge receipt"),
    ),
    "onvolledig": Step(
        gettext_lazy("Ask for missing information"),
        "challenge.mark_incomplete",
        lambda data: ReasonForm(
            data,
            label=gettext_lazy("What is missing?"),
            help_text=gettext_lazy(
                "The decision deadline starts again when the group has added it."
            ),
        ),
        lambda c, u, f: services.challenge_mark_incomplete(
            challenge=c, actor=u, missing=f.cleaned_data["text"]
        ),
        gettext_lazy("Send the request"),
    ),
    "gesprek": Step(
        gettext_lazy("Record the exploratory talk"),
        "challenge.record_talk",
        lambda data: TalkForm(data),
        lambda c, u, f: services.challenge_record_talk(
            challenge=c,
            actor=u,
            held_on=f.cleaned_data["held_on"],
            summary=f.cleaned_data["summary"],
        ),
        gettext_lazy("Save"),
    ),
    "toetsing": Step(
        gettext_lazy("Assess against the criteria"),
        "challenge.assess",
        lambda data: AssessmentForm(data),
        lambda c, u, f: services.challenge_assess(challenge=c, actor=u, scores=f.scores()),
        gettext_lazy("Send to the college"),
    ),
    "besluit": Step(
        gettext_lazy("Decide"),
        "challenge.decide",
        lambda data: DecisionForm(data),
        lambda c, u, f: services.challenge_decide(
            challenge=c,
            actor=u,
            outcome=f.cleaned_data["outcome"],
            reasons=f.cleaned_data["reasons"],
            conditions=f.cleaned_data["conditions"],
        ),
        gettext_lazy("Record the decision"),
    ),
    "overeenkomst": Step(
        gettext_lazy("Record the agreement"),
        "challenge.record_agreement",
        lambda data: AgreementForm(data),
        lambda c, u, f: services.challenge_record_agreement(
            challenge=c,
            actor=u,
            budget=f.cleaned_data["budget"],
            starts_on=f.cleaned_data["starts_on"],
            ends_on=f.cleaned_data["ends_on"],
            reporting=f.cleaned_data["reporting"],
        ),
        gettext_lazy("Save and start"),
    ),
    "evaluatie-starten": Step(
        gettext_lazy("Start the evaluation"),
        "challenge.start_evaluation",
        lambda data: ReasonForm(data, label=gettext_lazy("Note (optional)"), required=False),
        lambda c, u, f: services.challenge_start_evaluation(challenge=c, actor=u),
        gettext_lazy("Start the evaluation"),
    ),
    "evaluatie": Step(
        gettext_lazy("Record the evaluation"),
        "challenge.evaluate",
        lambda data: ReasonForm(
            data,
            label=gettext_lazy("What went well, what did we learn, and what happens next?"),
        ),
        lambda c, u, f: services.challenge_evaluate(
            challenge=c, actor=u, evaluation=f.cleaned_data["text"]
        ),
        gettext_lazy("Finish"),
    ),
}


@login_required
def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    challenge = get_object_or_404(Challenge.objects.select_related("task"), pk=pk)
    definition = STEPS.get(step)
    if definition is None:
        raise Http404
    require(request.user, definition.permission, challenge)
    form = definition.form(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            definition.run(challenge, request.user, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved. The group has been informed by e-mail."))
            return redirect(challenge)
    return render(
        request,
        "challenge/step_form.html",
        {
            "form": form,
            "challenge": challenge,
            "heading": definition.label,
            "button": definition.button,
            "show_plan": True,
        },
    )
