"""The demo has a finished budget dialogue with a few hundred plans and an open one."""

import pytest

from voorop.engines import savings as engine
from voorop.savings.models import Dialogue

pytestmark = pytest.mark.django_db


def test_demo_dialogues(client, demo):
    dialogues = {d.phase.key: d for d in Dialogue.objects.all()}
    assert set(dialogues) == {"answered", "open"}
    finished = dialogues["answered"]
    assert finished.plans.count() >= 300
    frames = finished.frames()
    for plan in finished.plans.prefetch_related("choices")[:50]:
        assert engine.check_plan(frames, plan.levels()).ok
    page = client.get(f"/begrotingsgesprek/{finished.pk}/uitkomst/")
    assert page.status_code == 200
    assert client.get(f"/begrotingsgesprek/{dialogues['open'].pk}/").status_code == 200
