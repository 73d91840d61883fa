"""The demo panel: about 1,500 members with a realistic skew, two finished consultations with
feedback and one running; it loads fast (bulk-created)."""

import time

import pytest
from django.urls import reverse

from voorop.accounts import demo as accounts_demo
from voorop.panel import demo, selectors
from voorop.panel.models import Consultation, Panel

pytestmark = pytest.mark.django_db


def test_demo_panel(client):
    context: dict = {}
    accounts_demo.load(context)
    started = time.perf_counter()
    demo.load(context)
    elapsed = time.perf_counter() - started
    panel = Panel.objects.get(title="Burgerpanel Lindewaard")
    assert panel.members.count() == demo.MEMBERS
    phases = sorted(c.phase.key for c in panel.consultations.all())
    assert phases == ["open", "reported", "reported"]
    gaps = selectors.gaps(selectors.makeup(panel))
    assert any("16-34" in g["text"] and g["under"] for g in gaps)
    finished = Consultation.objects.get(title="Het nieuwe Marktplein")
    weights, _results = selectors.question_results(finished)
    assert weights.weights is not None and weights.effective_n < finished.responses.count()
    assert client.get(reverse("panel:results", args=[finished.pk])).status_code == 200
    assert client.get(reverse("panel:panel", args=[panel.pk])).status_code == 200
    opinion_map = panel.opinion_maps.get()
    assert opinion_map.participants.count() >= 300
    assert len(opinion_map.result["groups"]) >= 2
    assert client.get(reverse("panel:map", args=[opinion_map.pk])).status_code == 200
    assert elapsed < 60
