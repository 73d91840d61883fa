"""Monitoring and learning: its menu items, its maintenance job (the half-yearly snapshot)
and its personal data, registered when Django starts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "voorop.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring and learning")

    def ready(self) -> None:
        import rules

        from voorop.core import maintenance
        from voorop.core.navigation import NavItem, register
        from voorop.monitoring.services import snapshots

        register(
            NavItem(
                label=_("Results"),
                url_name="monitoring:dashboard",
                description=_(
                    "What does Samenleving Voorop achieve? Every half year we measure the same "
                    "indicators, and we share what experiments taught us."
                ),
                order=80,
            )
        )
        register(
            NavItem(
                label=_("Monitoring"),
                url_name="monitoring:staff",
                order=80,
                menu="staff",
                visible=lambda user: rules.has_perm("monitoring.view_staff_dashboard", user),
            )
        )
        maintenance.register("monitoring.half_year_snapshots", snapshots.snapshots_due)

        from voorop.accounts import personal_data
        from voorop.monitoring import personal_data as monitoring_data

        personal_data.register(
            "monitoring", export=monitoring_data.export, anonymise=monitoring_data.anonymise
        )
