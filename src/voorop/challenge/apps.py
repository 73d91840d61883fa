"""The right-to-challenge app: its menu items, its personal data, its Ho-stop adapter
(challenge/hostop.py) and its challenges on the council's dossier pages, registered when
Django starts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengeConfig(AppConfig):
    name = "voorop.challenge"
    label = "challenge"
    verbose_name = _("Right to challenge")

    def ready(self) -> None:
        from voorop.accounts import personal_data
        from voorop.accounts.roles import is_beheerder, is_college, is_procesbegeleider
        from voorop.challenge import selectors, services
        from voorop.challenge.hostop import ChallengeHoStop
        from voorop.challenge.models import Challenge
        from voorop.core.navigation import NavItem, register
        from voorop.council import services as council
        from voorop.hostop import services as hostop

        register(
            NavItem(
                label=_("Right to challenge"),
                url_name="challenge:index",
                description=_(
                    "Can your group do a task of the municipality better or closer to home? "
                    "Challenge us, and carry it out with the budget that goes with it."
                ),
                order=40,
            )
        )
        register(
            NavItem(
                label=_("Challenges"),
                url_name="challenge:work_list",
                order=40,
                menu="staff",
                visible=is_procesbegeleider | is_college | is_beheerder,
            )
        )
        hostop.process_register(model=Challenge, adapter=ChallengeHoStop())
        council.anchor_source_register(
            label=_("Challenges"),
            items=selectors.challenges_in_dossier,
        )
        personal_data.register(
            "challenges",
            export=services.personal_data_export,
            anonymise=services.personal_data_anonymise,
        )

        from voorop.challenge import mail

        mail.register()
