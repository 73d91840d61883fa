from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from voorop.accounts import selectors, services, two_factor
from voorop.accounts.follows import FOLLOWABLE
from voorop.accounts.forms import DeleteAccountForm, ProfileForm
from voorop.accounts.models import User
from voorop.core.forms import posted
from voorop.core.permissions import permission_required


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/profile.html",
        {"profile_user": request.user, "two_factor_on": two_factor.is_set_up(request.user)},
    )


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    # The form edits a copy, so the service sees what changed and writes it (with audit).
    editable = User.objects.get(pk=request.user.pk)
    form = ProfileForm(posted(request), instance=editable)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=request.user,
            actor=request.user,
            **{name: form.cleaned_data[name] for name in ProfileForm.Meta.fields},
        )
        messages.success(request, _("Your details have been saved."))
        response = redirect("accounts:profile")
        response.set_cookie("voorop_language", request.user.language, samesite="Lax")
        return response
    # Unsaved input stays in the form (bound to request.POST) when something is wrong.
    return render(request, "accounts/profile_edit.html", {"form": form})


@permission_required("accounts.export_own_data")
def export_data(request: HttpRequest) -> HttpResponse:
    data = services.user_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="voorop-mijn-gegevens.json"'
    # Personal data: no copy in a shared proxy or the browser's cache.
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
def two_factor_required(request: HttpRequest) -> HttpResponse:
    """Where someone whose role requires two-factor authentication is sent until it is set
    up (voorop.accounts.middleware.RequireTwoFactorMiddleware)."""
    if not two_factor.required_for(request.user) or two_factor.is_set_up(request.user):
        return redirect("accounts:profile")
    return render(request, "accounts/two_factor_required.html")


@permission_required("accounts.delete_own_account")
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(posted(request))
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.user_delete_account(user=user, actor=user)
        messages.success(
            request,
            _("Your account has been deleted. What you contributed stays, without your name."),
        )
        return redirect("core:home")
    return render(request, "accounts/delete_account.html", {"form": form})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, remembered in the profile of a signed-in user."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in {code for code, _name in _languages()}:
        services.user_update_profile(user=user, actor=user, language=language)
    return response


def _languages() -> list[tuple[str, str]]:
    from django.conf import settings

    return list(settings.LANGUAGES)


@login_required
def participation(request: HttpRequest) -> HttpResponse:
    """Waar ik aan meedoe: what the resident follows, supports, proposed or voted in."""
    return render(
        request,
        "accounts/participation.html",
        {"sections": selectors.participation_of(request.user)},
    )


@login_required
@require_POST
def follow_toggle(request: HttpRequest) -> HttpResponse:
    """Follow or stop following (the form of ``{% follow_button obj %}``)."""
    obj = _followed_object(request.POST.get("what", ""), request.POST.get("id", ""))
    visible = services.may_see(request.user, obj)
    if request.POST.get("action") == "stop":
        # Stopping works also for what one may no longer see, without naming it: the title
        # of something hidden (a draft) is never read back to someone who may not see it.
        services.unfollow(user=request.user, obj=obj)
        if visible:
            messages.success(request, _("You no longer follow “%(title)s”.") % {"title": obj})
        else:
            messages.success(request, _("You no longer follow it."))
    else:
        services.follow(user=request.user, obj=obj)
        messages.success(
            request,
            _("You now follow “%(title)s”: you get an e-mail when something changes.")
            % {"title": obj},
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "/"
    return redirect(target)


def _followed_object(label: str, pk: str) -> Any:
    if label not in FOLLOWABLE or not pk.isdigit():
        raise Http404
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    return get_object_or_404(model, pk=int(pk))
