from __future__ import annotations

import time

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from voorop.accounts import two_factor
from voorop.accounts.models import User
from voorop.accounts.roles import Role

TEST_PASSWORD = "a-Good-test-passw0rd"
# Users whose role requires two-factor authentication get an authenticator app with this key
# (as they would have set up themselves); tests/accounts/test_two_factor.py computes codes.
TEST_TOTP_SECRET = "TESTTOTPKEYFORVOOROPSTAFFMEMBERS"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    username = factory.SelfAttribute("email")
    display_name = factory.Faker("name", locale="nl_NL")
    language = "nl"
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=[Role(r).value for r in extracted]))
            if two_factor.required_for(self) and kwargs.get("two_factor", True):
                two_factor.set_up_totp(self, TEST_TOTP_SECRET)


def totp_code(secret: str) -> str:
    """The code an authenticator app with this key shows now."""
    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def user_with_role(role: str | None) -> User:
    """A user with one role; None or "inwoner" is a plain resident."""
    if role in (None, "inwoner"):
        return UserFactory()
    return UserFactory(roles=[role])
