"""Setting up a budget dialogue in the back office: the dialogue with its tables, and the
options of each table with their steps and the council's frames."""

from django.contrib import admin

from voorop.core.admin_site import BeheerderAdmin, admin_site
from voorop.savings.models import BudgetTable, Dialogue, SavingsOption


class BudgetTableInline(admin.TabularInline):
    model = BudgetTable
    extra = 1
    fields = ["name", "current", "minimum", "maximum", "order"]


@admin.register(Dialogue, site=admin_site)
class DialogueAdmin(BeheerderAdmin):
    list_display = ["title", "open_from", "open_until"]
    fields = [
        "title",
        "introduction",
        "area",
        "theme",
        "target_kind",
        "target_amount",
        "min_age",
        "accepts_accounts",
        "accepts_codes",
        "open_from",
        "open_until",
    ]
    inlines = [BudgetTableInline]


class SavingsOptionInline(admin.StackedInline):
    model = SavingsOption
    extra = 1
    exclude = ["order"]


@admin.register(BudgetTable, site=admin_site)
class BudgetTableAdmin(BeheerderAdmin):
    list_display = ["name", "dialogue", "current", "minimum", "maximum"]
    list_filter = ["dialogue"]
    inlines = [SavingsOptionInline]
