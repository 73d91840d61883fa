from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelConfig(AppConfig):
    name = "voorop.panel"
    label = "panel"
    verbose_name = _("Citizens' panel")

    def ready(self) -> None:
        import rules

        from voorop.accounts import personal_data
        from voorop.core import maintenance, navigation
        from voorop.panel import mail, services
        from voorop.panel import personal_data as panel_data

        navigation.register(
            navigation.NavItem(
                label=_("Citizens' panel"),
                url_name="panel:index",
                order=55,
                description=_(
                    "Give your opinion a few times a year on plans of the municipality, and "
                    "read what was done with the answers."
                ),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Panel"),
                url_name="panel:work",
                order=55,
                menu="staff",
                visible=lambda user: rules.has_perm("panel.view_work_list", user),
            )
        )
        personal_data.register(
            "citizens_panel", export=panel_data.export, anonymise=panel_data.anonymise
        )
        maintenance.register("panel.renewals", services.members_renewal_due)
        maintenance.register("panel.reminders", services.consultations_remind_due)
        maintenance.register("panel.close_consultations", services.consultations_close_due)
        mail.register()
