"""The demo has a finished pitch battle with a follow-up, and its pages render."""

import pytest
from django.urls import reverse

from voorop.battles import selectors
from voorop.battles.models import Battle

pytestmark = pytest.mark.django_db


def test_demo_battle(client, demo):
    battle = Battle.objects.get()
    assert battle.phase.final
    assert battle.entries.filter(follow_ups__isnull=False).exists()
    assert battle.jurors.count() == 7 and not selectors.jury_makeup(battle).dominant
    ranking = selectors.ranking(battle)
    assert sum(1 for row in ranking["rows"] if row["rank"] and row["rank"] <= 3) >= 3
    assert client.get(reverse("battles:results", args=[battle.pk])).status_code == 200
    assert client.get(battle.get_absolute_url()).status_code == 200
