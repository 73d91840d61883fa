"""The Ho-stop app: its personal data export, registered when Django starts. Processes
register themselves (hostop/protocol.py)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostopConfig(AppConfig):
    name = "voorop.hostop"
    label = "hostop"
    verbose_name = _("Ho-stop cards")

    def ready(self) -> None:
        from voorop.accounts import personal_data
        from voorop.core import maintenance
        from voorop.hostop import mail
        from voorop.hostop import personal_data as hostop_data
        from voorop.hostop.services import hostop_remind_and_hand_over

        maintenance.register("hostop.remind_and_hand_over", hostop_remind_and_hand_over)
        personal_data.register("hostop", export=hostop_data.export)
        mail.register()
