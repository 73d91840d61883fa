"""The demo desk, set up and filled through the services: routing, ladders, and items in
every state, some of them overdue."""

import importlib

import pytest

from voorop.loket import selectors
from voorop.loket.models import DeskItem, ItemStatus

pytestmark = pytest.mark.django_db


def _load(*apps: str) -> dict:
    context: dict = {}
    for app in ("core.areas", "accounts", *apps):
        importlib.import_module(f"voorop.{app}.demo").load(context)
    return context


def test_demo_desk_is_set_up_and_has_items_in_every_state():
    context = _load("loket")
    areas = context["areas"]
    assert [s.label for s in selectors.escalation_ladder(areas["Kruisven"])] == [
        "Dorpsondersteuner",
        "Gebiedsteam",
        "Gemeente",
    ]
    assert set(DeskItem.objects.values_list("status", flat=True)) == {
        ItemStatus.RECEIVED,
        ItemStatus.REFERRED,
        ItemStatus.IN_PROGRESS,
        ItemStatus.WAITING,
        ItemStatus.CLOSED,
    }
    assert DeskItem.objects.filter(selectors.overdue_condition()).exists()
    escalated = DeskItem.objects.get(escalation_level=2)
    assert escalated.status == ItemStatus.CLOSED and escalated.resolved_at_level == "Gebiedsteam"
    signal = DeskItem.objects.get(title__startswith="Losliggende stoeptegels")
    assert selectors.suggest_route(signal).team.name == "Team Openbare Ruimte"
