"""The initiatives app: its menu items and its personal data, and its Ho-stop adapter
(initiatives/hostop.py), registered when Django starts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "voorop.initiatives"
    label = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from voorop.accounts import personal_data
        from voorop.accounts.roles import is_beheerder, is_loketmedewerker, is_procesbegeleider
        from voorop.core.navigation import NavItem, register
        from voorop.hostop import services as hostop
        from voorop.initiatives import personal_data as initiative_data
        from voorop.initiatives.hostop import InitiativeHoStop
        from voorop.initiatives.models import Initiative

        register(
            NavItem(
                label=_("Initiatives"),
                url_name="initiatives:gallery",
                description=_(
                    "See what residents are doing in your village or neighbourhood, support "
                    "an initiative, or start one yourself with your neighbours."
                ),
                order=20,
            )
        )
        register(
            NavItem(
                label=_("Initiatives needing attention"),
                url_name="initiatives:attention",
                menu="staff",
                order=20,
                visible=is_loketmedewerker | is_procesbegeleider | is_beheerder,
            )
        )
        hostop.process_register(model=Initiative, adapter=InitiativeHoStop())
        personal_data.register(
            "initiatives",
            export=initiative_data.export,
            anonymise=initiative_data.anonymise,
        )

        from voorop.initiatives import mail

        mail.register()
