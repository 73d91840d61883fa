"""Issue 14.2: a Ho-stop card cannot block a process for ever. Resume still needs everyone's
consent; parties get a response period with reminders; after it the griffie decides, in
public, whether the process continues or stops. Issue 14.10: one e-mail per pause."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.accounts.factories import UserFactory, user_with_role
from voorop.core import maintenance
from voorop.core.workdays import add_working_days
from voorop.hostop import services
from voorop.hostop.models import RESPONSE_DAYS, CardStatus, HoStopCard
from voorop.initiatives.models import Membership, Status
from voorop.initiatives.services import initiative_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def paused(mails):
    owner, member = UserFactory(email="owner@example.org"), UserFactory(email="lid@example.org")
    initiative = initiative_create(
        actor=owner, title="Dorpshuis", description="Samen beheren", owners=[owner]
    )
    Membership.objects.create(initiative=initiative, user=member, role=Membership.Role.MEMBER)
    initiative.status = Status.RUNNING
    initiative.save(update_fields=["status"])
    councillor = user_with_role("raadslid")
    mails.clear()
    card = services.hostop_raise(target=initiative, actor=councillor, reason="Buren niet gehoord.")
    return card, initiative, owner, member, councillor


def _later(card: HoStopCard, days: int) -> None:
    """Move the card back in time, as if it was raised `days` days ago."""
    moment = timezone.now() - timedelta(days=days)
    HoStopCard.objects.filter(pk=card.pk).update(
        raised_at=moment, respond_by=add_working_days(moment, RESPONSE_DAYS)
    )


def test_one_email_per_party_per_pause(paused, mails):
    _card, _initiative, owner, member, _councillor = paused
    recipients = [m.to[0] for m in mails]
    assert sorted(recipients) == sorted([owner.email, member.email])


def test_the_card_has_a_response_period_in_working_days(paused):
    card = paused[0]
    assert card.respond_by == add_working_days(timezone.localdate(), RESPONSE_DAYS)
    assert [e.kind for e in card.timeline.all()] == ["raised"]


def test_parties_who_have_not_answered_are_reminded(paused, mails):
    card, _initiative, owner, member, councillor = paused
    services.hostop_consent(card=card, actor=owner)
    mails.clear()
    assert services.hostop_remind_and_hand_over() == 0  # too soon
    _later(card, days=4)
    assert services.hostop_remind_and_hand_over() == 1
    assert sorted(m.to[0] for m in mails) == sorted([member.email, councillor.email])
    entry = card.timeline.get(kind="reminded")
    assert entry.public and member.public_name in entry.display_text
    assert services.hostop_remind_and_hand_over() == 0  # not every day


def test_after_the_period_the_griffie_decides_in_public(paused, mails, client):
    card, initiative, owner, _member, _councillor = paused
    griffie = user_with_role("griffie")
    assert not griffie.has_perm("hostop.decide", card)  # not during the period
    _later(card, days=30)
    mails.clear()
    services.hostop_remind_and_hand_over()
    card.refresh_from_db()
    assert card.awaits_griffie and card.is_open
    assert griffie.email in {m.to[0] for m in mails}
    assert card.timeline.filter(kind="handed_over").exists()
    # Consent still counts until the griffie decides, and the rule stays: all must agree.
    assert not owner.has_perm("hostop.decide", card)

    client.force_login(griffie)
    page = client.get(card.get_absolute_url()).content.decode()
    assert "Beslissen als griffie" in page
    response = client.post(f"/ho-stop/{card.pk}/besluit/", {"decision": "stop"})
    assert response.status_code == 400
    assert "Schrijf waarom het proces verdergaat of stopt." in response.content.decode()
    client.post(
        f"/ho-stop/{card.pk}/besluit/",
        {"decision": "stop", "reason": "Geen draagvlak meer in de buurt."},
    )
    card.refresh_from_db()
    initiative.refresh_from_db()
    assert card.status == CardStatus.STOPPED and card.decided_by == griffie
    assert initiative.status == Status.STOPPED
    assert card.timeline.get(kind="griffie_stopped").text == "Geen draagvlak meer in de buurt."
    assert initiative.timeline.filter(text="Geen draagvlak meer in de buurt.").exists()
    public = client.__class__().get(card.get_absolute_url()).content.decode()
    assert "Geen draagvlak meer in de buurt." in public


def test_the_griffie_may_let_it_continue(paused):
    card, initiative, *_ = paused
    _later(card, days=30)
    services.hostop_remind_and_hand_over()
    griffie = user_with_role("griffie")
    services.hostop_decide(
        card=card, actor=griffie, resume=True, reason="De buren zijn nu gehoord."
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.RUNNING
    with pytest.raises(PermissionDenied):  # decided once
        services.hostop_decide(card=card, actor=griffie, resume=False, reason="Toch niet.")


def test_only_the_griffie_decides_and_always_with_a_reason(paused):
    card = paused[0]
    _later(card, days=30)
    services.hostop_remind_and_hand_over()
    with pytest.raises(PermissionDenied):
        services.hostop_decide(card=card, actor=user_with_role("raadslid"), resume=True, reason="x")
    with pytest.raises(ValidationError):
        services.hostop_decide(card=card, actor=user_with_role("griffie"), resume=True, reason=" ")


def test_the_daily_job_is_registered():
    assert "hostop.remind_and_hand_over" in {job.name for job in maintenance.jobs()}
