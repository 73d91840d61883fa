"""The council app: its menu item, its personal data, its mails and the daily jobs that
forget event guests and unconfirmed guest sign-ups, registered when Django starts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "voorop.council"
    label = "council"
    verbose_name = _("Council")

    def ready(self) -> None:
        from voorop.accounts import personal_data
        from voorop.core.navigation import NavItem, register
        from voorop.council import mails, services

        register(
            NavItem(
                label=_("The council"),
                url_name="council:index",
                description=_(
                    "Meet councillors at a stamtafel or council conference, bring your own "
                    "topic, and see how each council decision relates to society first."
                ),
                order=60,
            )
        )
        personal_data.register(
            "council",
            export=services.personal_data_export,
            anonymise=services.personal_data_anonymise,
        )
        from voorop.core import maintenance

        maintenance.register("council.forget_event_guests", services.event_forget_guests)
        maintenance.register("council.expire_unconfirmed_sign_ups", services.event_sign_ups_expire)
        mails.register()
