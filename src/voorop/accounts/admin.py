from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from voorop.accounts import services
from voorop.accounts.models import User
from voorop.accounts.roles import Role
from voorop.core.admin_site import BeheerderAdmin, admin_site


class UserRolesForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every user is a resident (inwoner). Tick the staff roles this person has."),
    )

    class Meta:
        model = User
        fields = [
            "email",
            "display_name",
            "first_name",
            "last_name",
            "language",
            "home_area",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles"].initial = list(
                self.instance.groups.filter(name__in=Role.values).values_list("name", flat=True)
            )


@admin.register(User, site=admin_site)
class UserAdmin(BeheerderAdmin):
    form = UserRolesForm
    list_display = ["email", "display_name", "home_area", "role_list", "is_active", "last_login"]
    list_filter = ["is_active", "groups", "home_area"]
    search_fields = ["email", "display_name", "first_name", "last_name"]
    ordering = ["email"]
    fieldsets = [
        (None, {"fields": ["email", "display_name", "first_name", "last_name"]}),
        (_("Preferences"), {"fields": ["language", "home_area"]}),
        (_("Access"), {"fields": ["is_active", "roles"]}),
    ]

    @admin.display(description=_("roles"))
    def role_list(self, obj: User) -> str:
        return ", ".join(
            str(Role(name).label)
            for name in obj.groups.filter(name__in=Role.values).values_list("name", flat=True)
        )

    actions = ["remove_two_factor"]

    @admin.action(description=_("Remove two-step verification (lost phone)"))
    def remove_two_factor(self, request, queryset) -> None:
        removed = 0
        for user in queryset.exclude(pk=request.user.pk):
            removed += services.user_remove_two_factor(user=user, actor=request.user)
        self.message_user(
            request,
            _(
                "Two-step verification removed from %(count)d account(s). Whoever must use "
                "it sets it up again at the next log-in."
            )
            % {"count": removed},
        )

    def has_add_permission(self, request) -> bool:
        # Accounts are made by sign-up; the beheerder grants roles to existing accounts.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        services.user_set_roles(user=obj, roles=set(form.cleaned_data["roles"]), actor=request.user)
