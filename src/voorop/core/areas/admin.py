from django.contrib import admin

from voorop.core.admin_site import BeheerderAdmin, admin_site
from voorop.core.areas.models import Area, Theme


@admin.register(Area, site=admin_site)
class AreaAdmin(BeheerderAdmin):
    list_display = ["name", "kind", "parent", "population"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme, site=admin_site)
class ThemeAdmin(BeheerderAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}
