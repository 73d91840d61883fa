from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from voorop.challenge import selectors, services
from voorop.challenge.forms import (
    AddMemberForm,
    AgreementForm,
    AssessmentForm,
    ChallengeForm,
    DecisionForm,
    ProcedureSettingsForm,
    ReasonForm,
    RegisterFilterForm,
    SignatureListForm,
    TalkForm,
    TaskForm,
)
from voorop.challenge.models import (
    CRITERION_QUESTIONS,
    STAGE_OWNER,
    Challenge,
    Criterion,
    ProcedureSettings,
    SignatureList,
    Stage,
    Task,
)
from voorop.core.forms import posted, uploaded_files
from voorop.core.permissions import permission_required


def _check(request: HttpRequest, permission: str, obj: Any = None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "challenge/index.html",
        {
            "tasks": selectors.tasks_catalogue(),
            "procedure": ProcedureSettings.current(),
            "criteria": [(c.label, CRITERION_QUESTIONS[c]) for c in Criterion],
        },
    )


def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(selectors.tasks_catalogue(), pk=pk)
    return render(
        request,
        "challenge/task_detail.html",
        {"task": task, "challenges": selectors.challenges_register(filters={"task": task})},
    )


@permission_required("challenge.manage_tasks")
def task_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    task = get_object_or_404(Task, pk=pk) if pk else None
    form = TaskForm(posted(request), instance=task)
    if request.method == "POST" and form.is_valid():
        task = services.task_save(actor=request.user, task=task, data=form.cleaned_data)
        messages.success(request, _("The task has been saved."))
        return redirect(task)
    return render(request, "challenge/task_form.html", {"form": form, "task": task})


def procedure(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "challenge/procedure.html",
        {
            "procedure": ProcedureSettings.current(),
            "criteria": [(c.label, CRITERION_QUESTIONS[c]) for c in Criterion],
        },
    )


@permission_required("challenge.configure_procedure")
def procedure_edit(request: HttpRequest) -> HttpResponse:
    form = ProcedureSettingsForm(posted(request), instance=ProcedureSettings.current())
    if request.method == "POST" and form.is_valid():
        services.procedure_settings_update(actor=request.user, data=form.cleaned_data)
        messages.success(request, _("The procedure has been saved."))
        return redirect("challenge:procedure")
    return render(request, "challenge/procedure_form.html", {"form": form})


def register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return render(
        request,
        "challenge/register.html",
        {"form": form, "challenges": selectors.challenges_register(filters=filters)},
    )


@permission_required("challenge.view_mine")
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request, "challenge/mine.html", {"challenges": selectors.challenges_of(request.user)}
    )


@permission_required("challenge.view_work_list")
def work_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "challenge/work_list.html", {"challenges": selectors.challenges_work_list()}
    )


@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task, pk=pk)
    _check(request, "challenge.submit", task)
    form = ChallengeForm(
        posted(request), user=request.user, initial={"initiative": request.GET.get("initiative")}
    )
    if request.method == "POST" and form.is_valid():
        challenge = services.challenge_submit(
            task=task,
            submitter=request.user,
            data=form.cleaned_data,
            member_emails=form.cleaned_data["member_emails"],
        )
        messages.success(
            request,
            _("Your challenge has been submitted. You will hear from us within %(weeks)s weeks.")
            % {"weeks": ProcedureSettings.current().acknowledge_weeks},
        )
        return redirect(challenge)
    return render(request, "challenge/challenge_form.html", {"form": form, "task": task})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = get_object_or_404(
        Challenge.objects.select_related("task", "task__area", "dossier", "handler", "initiative"),
        pk=pk,
    )
    user = request.user
    procedure = ProcedureSettings.current()
    context = {
        "challenge": challenge,
        "task": challenge.task,
        "events": challenge.events.all(),
        "members": challenge.group_users(),
        "is_member": challenge.is_member(user),
        "support_count": selectors.challenge_support_count(challenge),
        "signature_count": selectors.challenge_signature_count(challenge),
        "has_supported": user.is_authenticated and challenge.supports.filter(user=user).exists(),
        "deadline": challenge.deadline(procedure),
        "decision_deadline": challenge.decision_deadline(procedure),
        "overdue": challenge.is_overdue(procedure),
        "stage_owner": STAGE_OWNER.get(Stage(challenge.stage), ""),
        "scores": challenge.scores.all(),
        "steps": [
            (name, step.label)
            for name, step in STEPS.items()
            if user.has_perm(step.permission, challenge)
        ],
        "signature_lists": challenge.signature_lists.all()
        if user.has_perm("challenge.view_signatures", challenge)
        else None,
        "can_see_overdue": challenge.is_member(user) or user.has_perm("challenge.view_work_list"),
        "perms_edit": user.has_perm("challenge.edit", challenge),
        "perms_add_member": user.has_perm("challenge.add_member", challenge),
        "perms_signatures": user.has_perm("challenge.upload_signatures", challenge),
        "perms_withdraw": user.has_perm("challenge.withdraw", challenge),
        "can_support": user.has_perm("challenge.support", challenge),
        "group_actions": any(
            user.has_perm(f"challenge.{name}", challenge)
            for name in ("edit", "add_member", "upload_signatures", "withdraw")
        ),
        "invite_to_support": user.has_perm("challenge.support_after_log_in", challenge),
    }
    return render(request, "challenge/detail.html", context)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = get_object_or_404(Challenge, pk=pk)
    _check(request, "challenge.edit", challenge)
    form = ChallengeForm(posted(request), instance=challenge, user=request.user, with_members=False)
    if request.method == "POST" and form.is_valid():
        services.challenge_update(challenge=challenge, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Your changes have been saved."))
        return redirect(challenge)
    # The form edits the instance in memory only; reload so the page shows the saved state.
    return render(
        request,
        "challenge/challenge_form.html",
        {"form": form, "task": challenge.task, "challenge": Challenge.objects.get(pk=pk)},
    )


@require_POST
@login_required
def support(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = get_object_or_404(Challenge, pk=pk)
    if request.POST.get("action") == "withdraw":
        services.challenge_withdraw_support(challenge=challenge, user=request.user)
        messages.success(request, _("Your support has been withdrawn."))
    else:
        _check(request, "challenge.support", challenge)
        services.challenge_support(challenge=challenge, user=request.user)
        messages.success(request, _("Thank you for your support."))
    return redirect(challenge)


@login_required
def add_member(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = get_object_or_404(Challenge, pk=pk)
    _check(request, "challenge.add_member", challenge)
    form = AddMemberForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_add_member(
                challenge=challenge, actor=request.user, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("The member has been added."))
            return redirect(challenge)
    return render(request, "challenge/add_member.html", {"form": form, "challenge": challenge})


@login_required
def upload_signatures(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = get_object_or_404(Challenge, pk=pk)
    _check(request, "challenge.upload_signatures", challenge)
    form = SignatureListForm(posted(request), uploaded_files(request))
    if request.method == "POST" and form.is_valid():
        services.challenge_upload_signatures(
            challenge=challenge,
            actor=request.user,
            file=form.cleaned_data["file"],
            signatures=form.cleaned_data["signatures"],
        )
        messages.success(request, _("The signature list has been added."))
        return redirect(challenge)
    return render(request, "challenge/signatures_form.html", {"form": form, "challenge": challenge})


@login_required
def signature_file(request: HttpRequest, pk: int, list_pk: int) -> FileResponse:
    signature_list = get_object_or_404(SignatureList, pk=list_pk, challenge_id=pk)
    _check(request, "challenge.view_signatures", signature_list.challenge)
    if not signature_list.file:
        raise Http404
    response = FileResponse(signature_list.file.open("rb"), as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = get_object_or_404(Challenge, pk=pk)
    _check(request, "challenge.withdraw", challenge)
    form = ReasonForm(
        posted(request),
        label=gettext_lazy("Why do you withdraw the challenge?"),
        help_text=gettext_lazy("This is shown on the public timeline."),
    )
    if request.method == "POST" and form.is_valid():
        services.challenge_withdraw(
            challenge=challenge, actor=request.user, reason=form.cleaned_data["text"]
        )
        messages.success(request, _("The challenge has been withdrawn."))
        return redirect(challenge)
    return render(
        request,
        "challenge/step_form.html",
        {
            "form": form,
            "challenge": challenge,
            "heading": _("Withdraw the challenge"),
            "button": _("Withdraw"),
        },
    )


# -- staff steps: one view, one table ---------------------------------------------------------


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
    _check(request, definition.permission, challenge)
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
