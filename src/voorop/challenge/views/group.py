"""The challengers' own pages: submit, change the plan, add members, support, signature
lists, withdraw, and the list of one's own challenges."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from voorop.challenge import selectors, services
from voorop.challenge.forms import AddMemberForm, ChallengeForm, ReasonForm, SignatureListForm
from voorop.challenge.models import Challenge, ProcedureSettings, SignatureList, Task
from voorop.core import files
from voorop.core.forms import posted, uploaded_files
from voorop.core.permissions import permission_required, require


@permission_required("challenge.view_mine")
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request, "challenge/mine.html", {"challenges": selectors.challenges_of(request.user)}
    )


@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task, pk=pk)
    require(request.user, "challenge.submit", task)
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


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = get_object_or_404(Challenge, pk=pk)
    require(request.user, "challenge.edit", challenge)
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
        require(request.user, "challenge.support", challenge)
        services.challenge_support(challenge=challenge, user=request.user)
        messages.success(request, _("Thank you for your support."))
    return redirect(challenge)


@login_required
def add_member(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = get_object_or_404(Challenge, pk=pk)
    require(request.user, "challenge.add_member", challenge)
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
    require(request.user, "challenge.upload_signatures", challenge)
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
def signature_file(request: HttpRequest, pk: int, list_pk: int) -> HttpResponse:
    signature_list = get_object_or_404(SignatureList, pk=list_pk, challenge_id=pk)
    require(request.user, "challenge.view_signatures", signature_list.challenge)
    return files.serve_file(
        request, signature_list.file, filename=f"handtekeningen-{signature_list.pk}"
    )


@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = get_object_or_404(Challenge, pk=pk)
    require(request.user, "challenge.withdraw", challenge)
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
