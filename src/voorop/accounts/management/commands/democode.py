"""`voorop democode`: the current two-factor code of the demo beheerder (demo data only)."""

from __future__ import annotations

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand, CommandError

from voorop.accounts.demo import DEMO_TOTP_SECRET, demo_email
from voorop.accounts.roles import Role


def current_code(secret: str) -> str:
    """The code an authenticator app with this key shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo beheerder (after `voorop demo`)."

    def handle(self, *args, **options) -> None:
        totp = Authenticator.objects.filter(
            user__email=demo_email(Role.BEHEERDER.value), type=Authenticator.Type.TOTP
        ).first()
        # Only the public demo key: this command must never read out a real person's code.
        if totp is None or decrypt(totp.data["secret"]) != DEMO_TOTP_SECRET:
            raise CommandError("No demo beheerder with the demo key here. Run `voorop demo`.")
        self.stdout.write(current_code(DEMO_TOTP_SECRET))
