"""Pages everyone sees: the task catalogue, the procedure with its criteria, the public
register and a challenge's own page (with the actions the visitor may take)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from voorop.challenge import selectors
from voorop.challenge.forms import RegisterFilterForm
from voorop.challenge.models import (
    CRITERION_QUESTIONS,
    Challenge,
    Criterion,
    ProcedureSettings,
)
from voorop.challenge.views.staff import STEPS
from voorop.core import cache, page_cache
from voorop.core.pagination import page_of


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


def procedure(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "challenge/procedure.html",
        {
            "procedure": ProcedureSettings.current(),
            "criteria": [(c.label, CRITERION_QUESTIONS[c]) for c in Criterion],
        },
    )


@page_cache.for_visitors(
    "challenge.register",
    parts=lambda request: (cache.version(selectors.REGISTER),),
    params=RegisterFilterForm.base_fields,
)
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = page_of(request, selectors.challenges_register(filters=filters))
    return render(
        request,
        "challenge/register.html",
        {"form": form, "challenges": page.object_list, "page": page},
    )


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
        "events": challenge.timeline.all(),
        "members": challenge.group_users(),
        "is_member": challenge.is_member(user),
        "support_count": selectors.challenge_support_count(challenge),
        "signature_count": selectors.challenge_signature_count(challenge),
        "has_supported": user.is_authenticated and challenge.supports.filter(user=user).exists(),
        "deadline": challenge.deadline(procedure),
        "decision_deadline": challenge.decision_deadline(procedure),
        "overdue": challenge.is_overdue(procedure),
        "stage_owner": challenge.stage_owner,
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
    }
    return render(request, "challenge/detail.html", context)
