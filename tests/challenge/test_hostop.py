"""A councillor raises a Ho-stop card on a running challenge; it resumes only when every
party has consented. And the challenge's adapter (voorop.challenge.hostop)."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory, user_with_role
from tests.challenge.factories import ChallengeFactory
from voorop.challenge.models import ChallengeMember
from voorop.hostop import services as hostop
from voorop.hostop.protocol import adapter_for, is_hostoppable

pytestmark = pytest.mark.django_db


def test_councillor_pauses_a_running_challenge_until_everyone_consents(client, settings):
    settings.SECURE_SSL_REDIRECT = False
    handler = user_with_role("procesbegeleider")
    challenge = ChallengeFactory(running=True, handler=handler)
    partner = UserFactory()
    ChallengeMember.objects.create(challenge=challenge, user=partner)
    councillor = user_with_role("raadslid")

    client.force_login(councillor)
    page = client.get(challenge.get_absolute_url()).text
    raise_url = reverse(
        "hostop:raise", kwargs={"app_label": "challenge", "model": "challenge", "pk": challenge.pk}
    )
    assert raise_url in page

    card = hostop.hostop_raise(target=challenge, actor=councillor, reason="Eerst de buurt horen")
    challenge.refresh_from_db()
    assert challenge.paused and not adapter_for(challenge).is_running(challenge)
    assert not handler.has_perm("challenge.start_evaluation", challenge)
    assert not UserFactory().has_perm("hostop.raise_card", challenge)

    parties = [challenge.submitter, partner, handler, councillor]
    assert set(card.parties.values_list("user", flat=True)) == {p.pk for p in parties}
    for party in parties[:-1]:
        hostop.hostop_consent(card=card, actor=party)
        challenge.refresh_from_db()
        assert challenge.paused  # not everyone agreed yet
    hostop.hostop_consent(card=card, actor=councillor)
    challenge.refresh_from_db()
    assert not challenge.paused and adapter_for(challenge).is_running(challenge)
    assert list(challenge.timeline.values_list("kind", flat=True)) == ["paused", "resumed"]
    assert "Eerst de buurt horen" in client.get(challenge.get_absolute_url()).text


def test_hostop_protocol_pauses_and_resumes():
    challenge = ChallengeFactory(running=True, handler=user_with_role("procesbegeleider"))
    assert is_hostoppable(challenge)
    hostop = adapter_for(challenge)
    councillor, stranger = user_with_role("raadslid"), UserFactory()
    parties = hostop.parties(challenge)
    assert parties[challenge.submitter] == "uitdager"
    assert parties[challenge.handler] == "procesbegeleider"
    assert hostop.may_raise(councillor, challenge)
    assert hostop.may_raise(challenge.submitter, challenge)
    assert not hostop.may_raise(stranger, challenge)
    hostop.pause(challenge, card=type("Card", (), {"reason": "Even stil"})(), actor=councillor)
    challenge.refresh_from_db()
    assert challenge.paused and not hostop.is_running(challenge)
    assert not challenge.submitter.has_perm("challenge.withdraw", challenge)
    hostop.resume(challenge, card=None, actor=councillor)
    challenge.refresh_from_db()
    assert not challenge.paused and hostop.is_running(challenge)
    assert list(challenge.timeline.values_list("kind", flat=True)) == ["paused", "resumed"]
