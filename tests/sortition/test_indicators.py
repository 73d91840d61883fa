"""Assemblies' representativeness on known data (issue 17)."""

from datetime import datetime

import pytest
from django.utils import timezone

from tests.sortition.factories import AssemblyFactory
from voorop.core.indicators import Period
from voorop.sortition import indicators
from voorop.sortition.models import Report

pytestmark = pytest.mark.django_db


def feature(name, rows):
    return {"name": name, "rows": [{"value": v, "share": s, "panel": p} for v, s, p in rows]}


def test_a_perfect_mirror_is_one_and_a_skew_lowers_it():
    mirror = {"features": [feature("Geslacht", [("vrouw", 0.5, 5), ("man", 0.5, 5)])]}
    assert indicators.report_representativeness(mirror) == 1.0
    # Panel 80/20 against 50/50: distance ½(|0.8−0.5| + |0.2−0.5|) = 0.3.
    skewed = {"features": [feature("Geslacht", [("vrouw", 0.5, 8), ("man", 0.5, 2)])]}
    assert indicators.report_representativeness(skewed) == 0.7
    # Two features: the mean of their distances (0 and 0.3).
    both = {"features": mirror["features"] + skewed["features"]}
    assert indicators.report_representativeness(both) == 0.85
    assert indicators.report_representativeness({"features": []}) is None


def test_assemblies_published_in_the_period_are_averaged():
    data = {"features": [feature("Leeftijd", [("jong", 0.4, 2), ("oud", 0.6, 8)])]}
    report = Report.objects.create(
        assembly=AssemblyFactory(title="Burgerberaad Warmte"),
        algorithm="leximin",
        engine_version="1",
        seed="s",
        seed_fixed_at=timezone.now(),
        pool_digest="d",
        pool_size=10,
        invitation_count=100,
        invitation_seed="i",
        data=data,
    )
    Report.objects.filter(pk=report.pk).update(
        published_at=timezone.make_aware(datetime(2025, 10, 1))
    )
    measured = indicators.representativeness(Period.half_year(2025, 2), None)
    assert measured.value == 0.8
    assert measured.breakdown == {"Burgerberaad Warmte": 0.8}
    assert indicators.representativeness(Period.half_year(2025, 1), None).value is None
