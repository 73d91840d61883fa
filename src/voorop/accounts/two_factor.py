"""Two-factor authentication (allauth's MFA: an authenticator app plus recovery codes).

Who must use it is policy (decision record 0008): the roles in
``settings.VOOROP_MFA_REQUIRED_ROLES`` (the beheerder by default, who can grant every
role and reach the back office), and every superuser. Anyone else may turn it on in their
account. Someone who must but has not yet set it up reaches nothing but the set-up pages
(`voorop.accounts.middleware.RequireTwoFactorMiddleware`).
"""

from __future__ import annotations

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings

from voorop.accounts.roles import role_names
from voorop.core import sealing

_SEALING_PURPOSE = "mfa"


def required_for(user: object) -> bool:
    """True when the user's roles require two-factor authentication."""
    required = set(getattr(settings, "VOOROP_MFA_REQUIRED_ROLES", ["beheerder"]))
    return bool(role_names(user) & required)


def is_set_up(user: object) -> bool:
    """True when the user has an authenticator app (recovery codes alone do not count)."""
    cached = getattr(user, "_voorop_has_totp", None)
    if cached is None:
        cached = remember_set_up(
            user,
            Authenticator.objects.filter(
                user_id=getattr(user, "pk", None), type=Authenticator.Type.TOTP
            ).exists(),
        )
    return cached


def remember_set_up(user: object, has_totp: bool) -> bool:
    """Keep on the user object for the request whether they have an authenticator app
    (read with the user: voorop.accounts.backends)."""
    user._voorop_has_totp = has_totp  # type: ignore[attr-defined]
    return has_totp


def set_up_totp(user: object, secret: str) -> list[str]:
    """Give the user an authenticator app with this secret, and recovery codes; returns the
    recovery codes. For the demo and tests; people set it up themselves in their account."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user).generate_codes()
    if hasattr(user, "_voorop_has_totp"):
        del user._voorop_has_totp  # type: ignore[attr-defined]
    return codes


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        # The authenticator key and the recovery-code seed must be read back to check a
        # code, so they are sealed (encrypted), not hashed; allauth stores them in clear.
        return sealing.seal(text, purpose=_SEALING_PURPOSE)

    def decrypt(self, encrypted_text: str) -> str:
        return sealing.unseal(encrypted_text, purpose=_SEALING_PURPOSE)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # Whoever must use it cannot turn it off; another beheerder can remove it.
        if authenticator.type == Authenticator.Type.TOTP and required_for(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)

    def get_totp_issuer(self) -> str:
        return f"Voorop {settings.VOOROP_MUNICIPALITY_NAME}".strip()
