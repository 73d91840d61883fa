from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SavingsConfig(AppConfig):
    name = "voorop.savings"
    label = "savings"
    verbose_name = _("Budget dialogues")

    def ready(self) -> None:
        from voorop.accounts import personal_data
        from voorop.core import navigation
        from voorop.savings import mail, rules  # noqa: F401 - registers the permissions
        from voorop.savings import personal_data as savings_data

        navigation.register(
            navigation.NavItem(
                label=_("Budget dialogue"),
                url_name="savings:index",
                order=45,
                description=_(
                    "Where should the municipality save, or spend extra? Make your own plan "
                    "within the limits the council set, and see what everyone chose."
                ),
            )
        )
        personal_data.register(
            "budget_dialogues", export=savings_data.export, anonymise=savings_data.anonymise
        )
        mail.register()
