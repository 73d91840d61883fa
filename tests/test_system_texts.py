"""Issue 14.11: what the system writes on a timeline is shown in the reader's language.

Each step is taken by a Dutch-speaking officer (Dutch active); the line is then read in
English and in Dutch. Before, the sentence was translated when written and stored, so a
reader in English met "… begeleidt dit initiatief namens de gemeente" or "Toegekend met
voorwaarden"."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation

from tests.accounts.factories import UserFactory, user_with_role
from tests.challenge.factories import ChallengeFactory
from tests.initiatives.factories import InitiativeFactory
from voorop.challenge import services as challenge_services
from voorop.challenge.models import Stage
from voorop.core.workdays import add_working_days
from voorop.hostop import services as hostop_services
from voorop.hostop.models import RESPONSE_DAYS, HoStopCard
from voorop.initiatives import services as initiative_services
from voorop.loket import services as desk_services
from voorop.loket.models import Channel, DeskTask, ItemKind

pytestmark = pytest.mark.django_db


def _read(entry, language: str) -> str:
    with translation.override(language):
        return entry.display_text


def _page(url: str, language: str) -> str:
    return Client(HTTP_ACCEPT_LANGUAGE=language).get(url).content.decode()


def test_a_facilitator_on_an_initiative_reads_in_english_and_dutch():
    initiative = InitiativeFactory(running=True)
    facilitator = UserFactory(roles=["procesbegeleider"], display_name="Sanne de Wit")
    with translation.override("nl"):
        initiative_services.facilitator_assign(
            initiative=initiative, actor=user_with_role("loketmedewerker"), facilitator=facilitator
        )
    english = _page(initiative.get_absolute_url(), "en")
    assert "Sanne de Wit supports this initiative for the municipality." in english
    assert "namens de gemeente" not in english
    dutch = _page(initiative.get_absolute_url(), "nl")
    assert "Sanne de Wit begeleidt dit initiatief namens de gemeente." in dutch


def test_the_colleges_decision_and_the_agreement_read_in_english():
    challenge = ChallengeFactory(stage=Stage.ASSESSMENT)
    scores = dict.fromkeys(("support", "quality", "cost", "continuity", "risk"), (4, "Prima"))
    start = timezone.localdate()
    with translation.override("nl"):
        challenge_services.challenge_assess(
            challenge=challenge, actor=user_with_role("procesbegeleider"), scores=scores
        )
        challenge_services.challenge_decide(
            challenge=challenge,
            actor=user_with_role("college"),
            outcome="granted_with_conditions",
            reasons="Sterk plan",
            conditions="Evaluatie na een jaar",
        )
        challenge_services.challenge_record_agreement(
            challenge=challenge,
            actor=user_with_role("procesbegeleider"),
            budget=Decimal("1500.50"),
            starts_on=start,
            ends_on=start + timedelta(days=365),
            reporting="Twee keer per jaar",
        )
    decided = challenge.timeline.get(kind="decided")
    assert _read(decided, "en").startswith("Granted with conditions. Conditions: Evaluatie")
    assert "Sterk plan" in _read(decided, "en")
    assert _read(decided, "nl").startswith("Toegekend met voorwaarden. Voorwaarden: Evaluatie")
    agreement = challenge.timeline.get(kind="agreement")
    assert _read(agreement, "en").startswith("Budget transferred: €\xa01,500.50 per year")
    assert _read(agreement, "nl").startswith("Budget overgedragen: €\xa01.500,50 per jaar")
    assessed = challenge.timeline.get(kind="assessed")
    assert "4/5. Prima" in _read(assessed, "en")
    english = _page(challenge.get_absolute_url(), "en")
    for dutch in ("Toegekend met voorwaarden", "Budget overgedragen", "per jaar, van"):
        assert dutch not in english


def test_the_desks_own_lines_read_in_english():
    desk = user_with_role("loketmedewerker")
    contact = UserFactory(roles=["procesbegeleider"], display_name="Ahmed Yilmaz")
    with translation.override("nl"):
        item, _token = desk_services.item_register(
            kind=ItemKind.IDEA,
            title="Bankje",
            description="Een bankje bij de vijver.",
            actor=desk,
            channel=Channel.PHONE,
            contact_name="Mevrouw Jansen",
            contact_phone="0612345678",
            inform_by="telefoon",
        )
        desk_services.item_refer(item=item, actor=desk, assignee=contact)
        desk_services.item_message(item=item, actor=desk, text="Het wordt maandag.")
        desk_services.task_done(task=DeskTask.objects.get(item=item), actor=desk)
    lines = {e.kind: e for e in item.timeline.all()}
    assert _read(lines["submitted"], "en") == "Received via: phone."
    assert _read(lines["referred"], "en") == "Passed on to Ahmed Yilmaz."
    assert _read(lines["informed"], "en") == "We called you and told you this."
    assert _read(lines["informed"], "nl") == "Wij hebben u gebeld en dit verteld."


def test_a_reminder_on_a_ho_stop_card_reads_in_english():
    owner = UserFactory(display_name="Els Bakker")
    initiative = InitiativeFactory(running=True, owner=owner)
    with translation.override("nl"):
        card = hostop_services.hostop_raise(
            target=initiative, actor=user_with_role("raadslid"), reason="Buren niet gehoord."
        )
        moment = timezone.now() - timedelta(days=4)
        HoStopCard.objects.filter(pk=card.pk).update(
            raised_at=moment, respond_by=add_working_days(moment, RESPONSE_DAYS)
        )
        hostop_services.hostop_remind_and_hand_over()
    reminded = card.timeline.get(kind="reminded")
    assert _read(reminded, "en").startswith("Reminded: ")
    assert "Please answer by" in _read(reminded, "en")
    assert "Graag antwoord" in _read(reminded, "nl")
