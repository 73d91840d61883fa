"""The back office (beheer): Django's admin, open to the beheerder role only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class VooropAdminSite(admin.AdminSite):
    site_header = _("Voorop back office")
    site_title = _("Voorop back office")
    index_title = _("Configuration")

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.has_perm("core.use_back_office"))


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
