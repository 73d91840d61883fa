"""A councillor raises a Ho-stop card on a running challenge; it resumes only when every
party has consented."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory, user_with_role
from tests.challenge.factories import ChallengeFactory
from voorop.challenge.models import ChallengeMember
from voorop.hostop import services as hostop

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
    assert challenge.paused and not challenge.hostop_is_running()
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
    assert not challenge.paused and challenge.hostop_is_running()
    assert list(challenge.events.values_list("kind", flat=True)) == ["paused", "resumed"]
    assert "Eerst de buurt horen" in client.get(challenge.get_absolute_url()).text
