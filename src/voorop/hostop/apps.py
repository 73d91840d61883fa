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
        from voorop.hostop.models import HoStopAdjustment, HoStopCard
        from voorop.hostop.services import hostop_remind_and_hand_over

        maintenance.register("hostop.remind_and_hand_over", hostop_remind_and_hand_over)

        def export(user) -> dict:
            return {
                "cards_raised": [
                    {
                        "raised_at": c.raised_at.isoformat(),
                        "reason": c.reason,
                        "process": str(c.target),
                    }
                    for c in HoStopCard.objects.filter(raised_by=user)
                ],
                "adjustments_proposed": [
                    {"created_at": a.created_at.isoformat(), "text": a.text}
                    for a in HoStopAdjustment.objects.filter(proposed_by=user)
                ],
            }

        # Cards stay part of the public record of the process; the deleted account's name
        # is replaced by "former resident" everywhere, so nothing needs scrubbing here.
        personal_data.register("hostop", export=export)
