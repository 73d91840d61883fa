"""Reads of Ho-stop cards: the cards of a process, its open card, one card with its parties
and adjustments."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from voorop.hostop.models import CardStatus, HoStopCard

# The version of every card's public state (voorop.core.cache.version), renewed by the
# services: public pages that show a Ho-stop panel are cached under it (decision 0015).
CARDS = "hostop.cards"


def cards_for(target: Model) -> QuerySet[HoStopCard]:
    return HoStopCard.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).select_related("raised_by")


def open_card_for(target: Model) -> HoStopCard | None:
    return cards_for(target).filter(status=CardStatus.PAUSED).first()


def card_detail(pk: int) -> HoStopCard:
    return (
        HoStopCard.objects.select_related("raised_by", "target_type")
        .prefetch_related("parties__user", "adjustments__proposed_by")
        .get(pk=pk)
    )
