"""The public dashboard and the snapshot archive in a real browser, with axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import axe_violations, describe
from tests.core.areas.factories import AreaFactory
from tests.monitoring.factories import ProgrammeFactory, SnapshotFactory
from voorop.core.indicators import Unit
from voorop.monitoring.models import SnapshotValue

pytestmark = pytest.mark.django_db(transaction=True)


def _value(snapshot, key, name, unit, value, area=None):
    SnapshotValue.objects.create(
        snapshot=snapshot,
        indicator_key=key,
        name=name,
        description="Wat het vertelt.",
        formula="zo meten we het",
        unit=unit,
        area=area,
        area_name=area.name if area else "hele gemeente",
        value=value,
    )


def test_public_dashboard_and_snapshot_archive(page):
    village = AreaFactory(name="Heikant")
    programme = ProgrammeFactory(
        name="Samenleving Voorop",
        indicator_keys=["initiatives.from_society", "loket.within_target"],
    )
    for period, count, share in (("2025-H1", 4, 0.6), ("2025-H2", 9, 0.75)):
        snapshot = SnapshotFactory(programme=programme, period_key=period)
        _value(snapshot, "initiatives.from_society", "Initiatieven", Unit.COUNT, count)
        _value(snapshot, "initiatives.from_society", "Initiatieven", Unit.COUNT, 2, village)
        _value(snapshot, "loket.within_target", "Op tijd", Unit.SHARE, share)

    # The live server's first request loads every URLconf (the API's schemas among them):
    # on a busy machine that alone can take longer than the default timeout.
    page.goto("/resultaten/", timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Samenleving Voorop")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.get_by_role("cell", name="75,0%")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe("dashboard", violations)

    page.locator("#id_area").select_option(label="Heikant")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", name="Heikant", level=2)).to_be_visible()

    page.get_by_role("link", name="Alle peilmomenten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Archief van peilmomenten")
    violations = axe_violations(page)
    assert not violations, describe("archive", violations)
    page.get_by_role("link", name="Tweede helft van 2025").click()
    expect(page.get_by_role("heading", name="Initiatieven", level=2)).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe("snapshot", violations)
    page.get_by_role("button", name="Vergelijken").click()
    expect(
        page.get_by_role("cell", name="+5").or_(page.get_by_role("cell", name="5")).first
    ).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe("comparison", violations)
