"""The indicator registry of core: periods, measurements, discovery of apps' indicators."""

from datetime import date

import pytest

from voorop.core import indicators
from voorop.core.indicators import Indicator, Measurement, Period, Unit


def test_half_years_have_keys_labels_and_neighbours():
    first = Period.half_year(2026, 1)
    assert (first.start, first.end) == (date(2026, 1, 1), date(2026, 7, 1))
    assert first.key == "2026-H1"
    assert Period.from_key("2026-H2") == first.next()
    assert first.previous() == Period.half_year(2025, 2)
    assert Period.containing(date(2026, 12, 31)).key == "2026-H2"
    assert first.label == "eerste helft van 2026"
    assert indicators.half_years(Period.half_year(2025, 2), Period.half_year(2026, 2)) == [
        Period.half_year(2025, 2),
        first,
        Period.half_year(2026, 2),
    ]


@pytest.mark.parametrize(
    "key", ["2026", "2026-H3", "26-H1", "x-H1", "", "0000-H1", "0001-H1", "1899-H2", "9999-H2"]
)
def test_a_wrong_period_key_is_refused(key):
    with pytest.raises(ValueError):
        Period.from_key(key)


def test_a_period_must_end_after_it_starts():
    with pytest.raises(ValueError):
        Period(date(2026, 2, 1), date(2026, 1, 1))


def test_share_and_median():
    assert indicators.share(1, 4) == Measurement(value=0.25, numerator=1, denominator=4)
    assert indicators.share(3, 0).value is None
    assert indicators.median([1, 3, 10]) == 3
    assert indicators.median([]) is None


def test_every_installed_instrument_contributes_its_indicators():
    keys = {indicator.key for indicator in indicators.all_indicators()}
    assert {
        "loket.closed_with_feedback",
        "loket.median_first_response",
        "loket.within_target",
        "loket.resolved_without_municipality",
        "initiatives.from_society",
        "initiatives.experiments",
        "budgeting.decided_by_residents",
        "budgeting.turnout",
        "sortition.representativeness",
        "challenge.granted",
        "council.society_involved",
        "hostop.raised",
    } <= keys
    for indicator in indicators.all_indicators():
        definition = indicator.definition()
        assert definition["name"] and definition["description"] and definition["formula"]


def test_only_installed_apps_contribute(monkeypatch):
    """Discovery imports ``<app>.indicators`` of the installed apps only: every indicator
    comes from one, and an app's module that is never imported adds nothing."""
    from django.apps import apps

    installed = {config.label for config in apps.get_app_configs()}
    assert {i.app_label for i in indicators.all_indicators()} <= installed
    imported = []
    monkeypatch.setattr(indicators, "_discovered", False)
    monkeypatch.setattr(indicators, "autodiscover_modules", lambda name: imported.append(name))
    indicators.autodiscover()
    assert imported == ["indicators"]


def test_register_checks_the_key_and_unit():
    def compute(period, area):
        return Measurement(value=1)

    with pytest.raises(ValueError):
        indicators.register(Indicator("nodot", "n", "d", "f", Unit.COUNT, compute))
    with pytest.raises(ValueError):
        indicators.register(Indicator("x.y", "n", "d", "f", "furlongs", compute))


def test_an_indicator_without_areas_measures_nothing_for_an_area():
    indicator = Indicator("x.whole", "n", "d", "f", Unit.COUNT, lambda p, a: Measurement(5), False)
    assert indicator.measure(Period.half_year(2026, 1)).value == 5
    assert indicator.measure(Period.half_year(2026, 1), area=object()).value is None
