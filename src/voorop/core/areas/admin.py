from django.contrib import admin
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from voorop.core.admin_site import BeheerderAdmin, admin_site
from voorop.core.areas.models import Area, Theme
from voorop.core.areas.services import areas_changed


class _RenewsKeptPages(BeheerderAdmin):
    """Every change of an area or theme here renews the pages kept with them."""

    def save_model(self, request: HttpRequest, obj: Model, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        areas_changed()

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        super().delete_model(request, obj)
        areas_changed()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        super().delete_queryset(request, queryset)
        areas_changed()


@admin.register(Area, site=admin_site)
class AreaAdmin(_RenewsKeptPages):
    list_display = ["name", "kind", "parent", "population"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme, site=admin_site)
class ThemeAdmin(_RenewsKeptPages):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}
