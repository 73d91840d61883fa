"""The back office (beheer): Django's admin, open to the beheerder role only.

It has no log-in of its own: ``/beheer/login/`` sends to the one log-in of the site
(allauth's), with its limits on guessing and the two-factor step the beheerder must use.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class VooropAdminSite(admin.AdminSite):
    site_header = _("Voorop back office")
    site_title = _("Voorop back office")
    index_title = _("Configuration")

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.has_perm("core.use_back_office"))

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        # Django's admin log-in form would bypass the site's limits and two-factor step.
        if request.user.is_authenticated:
            # Signed in without the role: logging in again would only loop back here.
            raise PermissionDenied
        target = request.GET.get("next") or reverse("beheer:index")
        return redirect_to_login(target, login_url=reverse("account_login"))

    def logout(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        return redirect("account_logout")


admin_site = VooropAdminSite(name="beheer")


class BeheerderAdmin(admin.ModelAdmin):
    """Model admin for configuration that the beheerder role may fully manage."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("core.use_back_office")

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.has_perm("core.use_back_office")

    has_add_permission = has_module_permission  # type: ignore[assignment]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.has_perm("core.use_back_office")

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.has_perm("core.use_back_office")
