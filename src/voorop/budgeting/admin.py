from django.contrib import admin
from django.contrib.auth import get_user_model

from voorop.budgeting.models import AreaBudgetHolder
from voorop.core.admin_site import BeheerderAdmin, admin_site


@admin.register(AreaBudgetHolder, site=admin_site)
class AreaBudgetHolderAdmin(BeheerderAdmin):
    """Which procesbegeleider runs the budget rounds of which area."""

    list_display = ["user", "area"]
    list_filter = ["area"]
    search_fields = ["user__email", "user__display_name", "area__name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            from voorop.accounts.roles import Role

            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(groups__name=Role.PROCESBEGELEIDER, is_active=True)
                .order_by("email")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
