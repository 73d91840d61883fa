"""Registration: residents register with the code from their letter, staff type in paper
replies and see who registered, and the organiser closes or reopens registration."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.core import throttle
from voorop.core.forms import posted
from voorop.sortition import forms, selectors, services, texts
from voorop.sortition.models import Assembly
from voorop.sortition.views._common import get_assembly, login_or_403, with_values


def _registration_closed(request: HttpRequest, assembly: Assembly) -> HttpResponse:
    """The page for a registration that cannot be taken: since when it is closed, and that
    nothing was recorded (the code is not used, no wrong attempt is counted)."""
    return render(request, "sortition/register_closed.html", {"assembly": assembly})


def register(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_object_or_404(Assembly, pk=pk)
    if not request.user.has_perm("sortition.register", assembly):
        return _registration_closed(request, assembly)
    form = forms.RegistrationForm(
        posted(request), assembly=assembly, initial={"code": request.GET.get("code", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.registration_code_check(
                assembly=assembly,
                code=data["code"],
                client=throttle.client_key(request),
            )
            services.respondent_register(
                actor=request.user,
                assembly=assembly,
                code=data["code"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                features=form.features(),
                consent=data["consent"],
            )
        except ValidationError as error:
            if getattr(error, "code", "") == "closed":  # closed while the form was filled in
                return _registration_closed(request, assembly)
            field = "code" if getattr(error, "code", "") in ("wrong", "used") else None
            form.add_error(field, error)
        else:
            return redirect("sortition:registered", pk=assembly.pk)
    return render(request, "sortition/register.html", {"assembly": assembly, "form": form})


def registered(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_object_or_404(Assembly, pk=pk)
    return render(request, "sortition/registered.html", {"assembly": assembly})


@login_or_403
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff type in a reply that came on paper or by phone. Their wrong codes count against
    their own account (`throttle.user_key`), not against the town hall's address. Once
    registration has closed the page says so; a posted form is shown again as it was typed,
    with the reason nothing was recorded."""
    assembly = get_assembly(request, pk, "sortition.manage_assembly")
    is_open = request.user.has_perm("sortition.enter_paper_reply", assembly)
    if not is_open and assembly.registration_closed_on is None:
        raise PermissionDenied("sortition.enter_paper_reply")
    form = forms.RegistrationForm(posted(request), assembly=assembly, on_paper=True)
    if request.method == "POST" and not is_open:
        form.is_valid()  # the typed values are shown again, with the reason on top
        form.add_error(None, texts.registration_closed_text(assembly))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.registration_code_check(
                assembly=assembly,
                code=data["code"],
                client=throttle.user_key(request.user),
            )
            services.respondent_register(
                actor=request.user,
                assembly=assembly,
                code=data["code"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                features=form.features(),
                consent=data["consent"],
                on_paper=True,
            )
        except ValidationError as error:
            field = "code" if getattr(error, "code", "") in ("wrong", "used") else None
            form.add_error(field, error)
        else:
            messages.success(request, _("The reply has been registered."))
            return redirect("sortition:paper", pk=assembly.pk)
    return render(
        request,
        "sortition/paper.html",
        {
            "assembly": assembly,
            "form": form,
            "is_open": is_open,
            "closed_text": "" if is_open else texts.registration_closed_text(assembly),
            "can_reopen": request.user.has_perm("sortition.reopen_registration", assembly),
        },
    )


@login_or_403
def registration_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close registration, after a page that says what that means."""
    assembly = get_assembly(request, pk, "sortition.manage_assembly")
    if not request.user.has_perm("sortition.close_registration", assembly):
        messages.info(request, _("Registration is not open."))
        return redirect("sortition:selection", pk=assembly.pk)
    if request.method == "POST":
        services.registration_close(actor=request.user, assembly=assembly)
        messages.success(
            request,
            _("Registration is closed. You can now compute everyone's chance."),
        )
        return redirect("sortition:selection", pk=assembly.pk)
    return render(
        request,
        "sortition/registration_close.html",
        {
            "assembly": assembly,
            "respondent_count": assembly.respondents.count(),
            "letters_used": assembly.invitations.filter(respondent__isnull=False)
            .distinct()
            .count(),
            "invitation_count": assembly.invitations.count(),
            "today": timezone.localdate(),
        },
    )


@login_or_403
def registration_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen registration before the group is drawn, after a page that says that the
    computed chances are discarded and that the reopening is published."""
    assembly = get_assembly(request, pk, "sortition.manage_assembly")
    latest = selectors.latest_selection(assembly)
    if not request.user.has_perm("sortition.reopen_registration", assembly):
        if latest is not None and latest.is_active:
            messages.error(
                request, _("The chances are being computed. Stop the computation first.")
            )
        else:
            messages.info(request, _("Registration cannot be reopened now."))
        return redirect("sortition:selection", pk=assembly.pk)
    if request.method == "POST":
        services.registration_reopen(actor=request.user, assembly=assembly)
        messages.success(
            request,
            _("Registration is open again. Residents can register until you close it."),
        )
        return redirect("sortition:selection", pk=assembly.pk)
    return render(
        request,
        "sortition/registration_reopen.html",
        {
            "assembly": assembly,
            "selection_count": assembly.selections.count(),
        },
    )


@login_or_403
def pool(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_assembly(request, pk, "sortition.view_pool")
    services.pool_view_log(actor=request.user, assembly=assembly, what="respondents")
    return render(
        request,
        "sortition/pool.html",
        {
            "assembly": assembly,
            "respondents": with_values(assembly, selectors.respondents(assembly).order_by("name")),
        },
    )
