"""An initiative paused and resumed through the Ho-stop app, end to end, and its adapter
(voorop.initiatives.hostop)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from tests.accounts.factories import UserFactory, user_with_role
from tests.initiatives.factories import InitiativeFactory, MembershipFactory, owner_of
from voorop.hostop import services as hostop
from voorop.hostop.protocol import adapter_for
from voorop.initiatives.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """`with sent():` runs what the block queued for after commit (the e-mail task)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


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
    assert [e.kind for e in initiative.timeline.all()] == ["paused", "resumed"]


def test_outsiders_and_drafts_cannot_be_paused():
    with pytest.raises(PermissionDenied):
        hostop.hostop_raise(
            target=InitiativeFactory(running=True), actor=UserFactory(), reason="Waarom niet."
        )
    draft = InitiativeFactory()
    with pytest.raises(PermissionDenied):
        hostop.hostop_raise(target=draft, actor=owner_of(draft), reason="Te vroeg.")


def test_hostop_pause_and_resume_remember_the_status(sent):
    initiative = InitiativeFactory(running=True)
    owner_of(initiative)  # an owner and a member: the adapter itself mails neither
    MembershipFactory(initiative=initiative)
    councillor = user_with_role("raadslid")

    class Card:
        reason = "Eerst de buren spreken."

    hostop = adapter_for(initiative)
    assert hostop.is_running(initiative)
    with sent():
        hostop.pause(initiative, card=Card(), actor=councillor)
    mails = mail.outbox
    initiative.refresh_from_db()
    assert initiative.status == Status.PAUSED and initiative.paused_from == Status.RUNNING
    assert not hostop.is_running(initiative)
    # No mail from the initiative itself: the Ho-stop card mails every party once (14.10).
    assert mails == []

    with sent():
        hostop.resume(initiative, card=Card(), actor=councillor)
    initiative.refresh_from_db()
    assert initiative.status == Status.RUNNING and initiative.paused_from == ""
    kinds = list(initiative.timeline.values_list("kind", "text"))
    assert kinds == [("paused", "Eerst de buren spreken."), ("resumed", "")]
    assert mails == []  # the card tells everyone it continues


def test_hostop_parties_name_everyone_involved():
    initiative = InitiativeFactory(running=True)
    member = MembershipFactory(initiative=initiative).user
    facilitator = user_with_role("procesbegeleider")
    initiative.facilitators.add(facilitator)
    assert adapter_for(initiative).parties(initiative) == {
        owner_of(initiative): "initiatiefnemer",
        member: "lid",
        facilitator: "procesbegeleider",
    }
