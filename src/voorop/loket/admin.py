"""The desk's settings in the back office (/beheer/): teams, routing rules, response
targets and escalation ladders."""

from django.contrib import admin

from voorop.core.admin_site import BeheerderAdmin, admin_site
from voorop.loket.models import EscalationStep, ResponseTarget, RoutingRule, Team


@admin.register(Team, site=admin_site)
class TeamAdmin(BeheerderAdmin):
    list_display = ["name", "email"]
    filter_horizontal = ["members"]
    search_fields = ["name"]


@admin.register(RoutingRule, site=admin_site)
class RoutingRuleAdmin(BeheerderAdmin):
    list_display = ["theme", "area", "contact", "team"]
    list_filter = ["theme", "area"]
    autocomplete_fields = ["contact"]


@admin.register(ResponseTarget, site=admin_site)
class ResponseTargetAdmin(BeheerderAdmin):
    list_display = ["kind", "working_days"]


@admin.register(EscalationStep, site=admin_site)
class EscalationStepAdmin(BeheerderAdmin):
    list_display = ["area", "level", "label", "contact", "team"]
    list_filter = ["area"]
    autocomplete_fields = ["contact"]
