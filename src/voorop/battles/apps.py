from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BattlesConfig(AppConfig):
    name = "voorop.battles"
    label = "battles"
    verbose_name = _("Pitch battles")

    def ready(self) -> None:
        from voorop.accounts import personal_data
        from voorop.battles import personal_data as battles_data
        from voorop.battles import rules  # noqa: F401 - registers the permissions
        from voorop.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("Pitch battles"),
                url_name="battles:index",
                order=47,
                description=_(
                    "Pitch your plan to a jury of residents, councillors and civil servants. "
                    "The best plans get help; every plan gets a follow-up."
                ),
            )
        )
        personal_data.register(
            "pitch_battles", export=battles_data.export, anonymise=battles_data.anonymise
        )
