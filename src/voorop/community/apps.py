"""The community app: area councils, the manifest, society agreements and the
neighbourhood network. Its menu item, mails and personal data are registered here."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "voorop.community"
    label = "community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from voorop.accounts import personal_data as registry
        from voorop.community import mail, personal_data
        from voorop.core.navigation import NavItem, register

        register(
            NavItem(
                label=_("In your area"),
                url_name="community:index",
                description=_(
                    "Your wijkraad or dorpsraad, the manifest and the agreements of society, "
                    "and a place to ask and offer help in your neighbourhood."
                ),
                order=70,
            )
        )
        registry.register(
            "community", export=personal_data.export, anonymise=personal_data.anonymise
        )
        mail.register()
