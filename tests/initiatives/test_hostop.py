"""An initiative paused and resumed through the Ho-stop app, end to end."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.accounts.factories import UserFactory, user_with_role
from tests.initiatives.factories import InitiativeFactory, MembershipFactory, owner_of
from voorop.hostop import services as hostop
from voorop.initiatives.models import Status

pytestmark = pytest.mark.django_db


def test_a_councillor_pauses_and_everyone_consents_to_continue(client):
    initiative = InitiativeFactory(in_conversation=True)
    owner, member = owner_of(initiative), MembershipFactory(initiative=initiative).user
    facilitator = user_with_role("procesbegeleider")
    initiative.facilitators.add(facilitator)
    councillor = user_with_role("raadslid")

    card = hostop.hostop_raise(target=initiative, actor=councillor, reason="Buren niet gehoord.")
    initiative.refresh_from_db()
    assert initiative.status == Status.PAUSED
    assert set(card.parties.values_list("user", flat=True)) == {
        owner.pk,
        member.pk,
        facilitator.pk,
        councillor.pk,
    }
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Buren niet gehoord." in page  # on the timeline

    for person in (owner, member, facilitator, councillor):
        hostop.hostop_consent(card=card, actor=person)
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_CONVERSATION
    assert [e.kind for e in initiative.events.all()] == ["paused", "resumed"]


def test_outsiders_and_drafts_cannot_be_paused():
    with pytest.raises(PermissionDenied):
        hostop.hostop_raise(
            target=InitiativeFactory(running=True), actor=UserFactory(), reason="Waarom niet."
        )
    draft = InitiativeFactory()
    with pytest.raises(PermissionDenied):
        hostop.hostop_raise(target=draft, actor=owner_of(draft), reason="Te vroeg.")
