from django.contrib import admin

from voorop.core.admin_site import BeheerderAdmin, admin_site
from voorop.core.models import AuditEntry


@admin.register(AuditEntry, site=admin_site)
class AuditEntryAdmin(BeheerderAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    search_fields = ["action", "target_id"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):  # the log is written by services only
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
