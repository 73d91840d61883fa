"""A challenge submitted on behalf of an initiative: its members are the group."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.challenge.factories import TaskFactory
from tests.challenge.test_services import DATA
from tests.initiatives.factories import InitiativeFactory, MembershipFactory
from voorop.challenge import services
from voorop.challenge.models import Challenge
from voorop.hostop.protocol import adapter_for

pytestmark = pytest.mark.django_db


def test_initiative_members_belong_to_the_group(settings, client):
    settings.SECURE_SSL_REDIRECT = False
    owner, member = UserFactory(), UserFactory()
    initiative = InitiativeFactory(running=True, owner=owner, title="Groen Heikant")
    MembershipFactory(initiative=initiative, user=member)
    challenge = services.challenge_submit(
        task=TaskFactory(), submitter=owner, data={**DATA, "initiative": initiative}
    )
    assert challenge.is_member(member)
    assert set(challenge.group_users()) == {owner, member}
    assert adapter_for(challenge).parties(challenge)[member] == "uitdager"
    assert member.has_perm("challenge.withdraw", challenge)
    page = client.get(challenge.get_absolute_url()).text
    assert "Groen Heikant" in page


def test_only_members_may_challenge_on_behalf_of_an_initiative(client, settings):
    settings.SECURE_SSL_REDIRECT = False
    initiative = InitiativeFactory(running=True)
    with pytest.raises(PermissionDenied):
        services.challenge_submit(
            task=TaskFactory(), submitter=UserFactory(), data={**DATA, "initiative": initiative}
        )
    # The form only offers the user's own initiatives.
    task = TaskFactory()
    stranger = UserFactory()
    client.force_login(stranger)
    page = client.get(reverse("challenge:submit", args=[task.pk])).text
    assert initiative.title not in page
    assert not Challenge.objects.exists()
