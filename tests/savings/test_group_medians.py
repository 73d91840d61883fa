"""Medians per area and per age band on the results page (engine: medians_by_group), no
figure under five plans; a code participant may give their neighbourhood and age."""

import pytest
from django.urls import reverse

from tests.core.areas.factories import AreaFactory
from tests.savings.factories import DialogueFactory, code_for, with_tables
from voorop.core.areas.models import AreaKind
from voorop.savings.models import Plan

pytestmark = pytest.mark.django_db


def _plan(dialogue, options, *, bieb, area=None, band=""):
    plan = Plan.objects.create(dialogue=dialogue, area=area, age_band=band, total_change=0)
    plan.choices.create(option=options["jeugd"], level=-2)
    plan.choices.create(option=options["bieb"], level=bieb)
    return plan


def test_results_show_medians_per_area_and_age_and_hide_small_groups(client):
    dialogue = DialogueFactory(phase="closed")
    options = with_tables(dialogue)
    noord, zuid = AreaFactory(name="Noord"), AreaFactory(name="Zuid")
    for level in (-2, -2, -3, -2, -3):
        _plan(dialogue, options, bieb=level, area=noord, band="65+")
    for level in (-3, -3):
        _plan(dialogue, options, bieb=level, area=zuid, band="25-44")
    page = client.get(reverse("savings:results", args=[dialogue.pk]))
    assert page.status_code == 200
    text = page.text
    assert "Per wijk" in text and "Per leeftijdsgroep" in text
    assert '<th scope="col">Noord</th>' in text and '<th scope="col">Zuid</th>' in text
    assert "-2 (5 plannen)" in text  # Noord's library, and 65+ (the same plans)
    assert "te weinig plannen" in text  # Zuid and 25 to 44: two plans each
    assert "-3 (2 plannen)" not in text


def test_a_code_participant_gives_neighbourhood_and_age(client):
    kern = AreaFactory(name="Oud-Veen")
    wijk = AreaFactory(name="Veen-Noord", parent=kern, kind=AreaKind.WIJK)
    elsewhere = AreaFactory(name="Ander dorp")
    dialogue = DialogueFactory(area=kern)
    options = with_tables(dialogue)
    _row, clear = code_for(dialogue)
    client.post(reverse("savings:code", args=[dialogue.pk]), {"code": clear})
    url = reverse("savings:plan", args=[dialogue.pk])
    page = client.get(url)
    assert "Uw wijk" in page.text and "Veen-Noord" in page.text
    assert "Ander dorp" not in page.text
    data = {f"o{o.pk}": "0" for o in options.values() if not o.untouchable}
    data.update({f"o{options['jeugd'].pk}": "-2", f"o{options['bieb'].pk}": "-2", "send": "1"})
    refused = client.post(url, {**data, "area": str(elsewhere.pk), "age_band": "65+"})
    assert refused.status_code == 200 and "error-summary" in refused.text
    sent = client.post(url, {**data, "area": str(wijk.pk), "age_band": "65+"})
    assert sent.status_code == 302
    plan = Plan.objects.get()
    assert (plan.area, plan.age_band) == (wijk, "65+")
