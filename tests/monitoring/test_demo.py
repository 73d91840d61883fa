"""The demo shows the programme with two archived snapshots and a third, interim one of
the half-year in progress, and the learning logs of two experiments."""

import pytest

from voorop.core.indicators import Period
from voorop.monitoring.models import Lesson, Programme

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_demo_monitoring(client, demo):
    programme = Programme.objects.get(name="Samenleving Voorop")
    assert len(programme.indicator_keys) == 10
    snapshots = list(programme.snapshots.order_by("period_key"))
    assert [s.status for s in snapshots] == ["done"] * 3
    assert [s.is_archived for s in snapshots] == [True, True, False]
    assert snapshots[-1].period_key == Period.current().key
    assert snapshots[0].values.count() > 10
    assert Lesson.objects.count() == 4
    page = client.get("/resultaten/").content.decode()
    assert "Samenleving Voorop" in page and "<svg" in page
    assert client.get(snapshots[0].get_absolute_url()).status_code == 200
