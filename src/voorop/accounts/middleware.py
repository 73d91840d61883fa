"""Signed-in users see the site in their own language; who must use two-factor
authentication sets it up before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from voorop.accounts import two_factor


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


# Pages someone who must set up two-factor authentication can still reach: the set-up itself
# (allauth's MFA pages and re-entering the password they may ask for), log-out, the language
# switch and the statements every page links to.
_OPEN_WHILE_SETTING_UP = frozenset(
    {
        "accounts:two_factor_required",
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "account_reauthenticate",
        "account_logout",
        "accounts:set_language",
        "core:accessibility",
        "core:privacy",
        "core:healthz",
    }
)


class RequireTwoFactorMiddleware:
    """Who must use two-factor authentication (voorop.accounts.two_factor) and has not set
    it up yet is sent to a page that explains how, from every other page, until it is done.
    The log-in itself asks for the code once it is set up (allauth's MFA stage)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and two_factor.required_for(user)
            and not two_factor.is_set_up(user)
            and not self._open(request)
        ):
            return redirect_to_set_up(request)
        return self.get_response(request)

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        static = settings.STATIC_URL or "/static/"
        if request.path_info.startswith(static):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True  # the 404 page reveals nothing
        return match.view_name in _OPEN_WHILE_SETTING_UP


def redirect_to_set_up(request: HttpRequest) -> HttpResponse:
    url = reverse("accounts:two_factor_required")
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)
