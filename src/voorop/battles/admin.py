"""Setting up a pitch battle in the back office: the event, its criteria and its jury."""

from django.contrib import admin

from voorop.battles.models import Battle, Criterion, Juror
from voorop.core.admin_site import BeheerderAdmin, admin_site


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 1


class JurorInline(admin.TabularInline):
    model = Juror
    extra = 1
    raw_id_fields = ["user"]


@admin.register(Battle, site=admin_site)
class BattleAdmin(BeheerderAdmin):
    list_display = ["title", "stage", "event_at"]
    exclude = ["stage", "created_at"]
    inlines = [CriterionInline, JurorInline]
