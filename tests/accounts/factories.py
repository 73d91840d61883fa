from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from voorop.accounts.models import User
from voorop.accounts.roles import Role

TEST_PASSWORD = "a-Good-test-passw0rd"


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


def user_with_role(role: str | None) -> User:
    """A user with one role; None or "inwoner" is a plain resident."""
    if role in (None, "inwoner"):
        return UserFactory()
    return UserFactory(roles=[role])
