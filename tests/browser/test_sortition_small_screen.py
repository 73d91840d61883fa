"""Citizens' assemblies at 320 px (issue 14.12): the quota page and the report stack their
wide tables, so that the value, the minimum and maximum and the group stay on screen; with
zero axe-core violations."""

from __future__ import annotations

import pytest

from tests.accounts.factories import TEST_PASSWORD
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import log_in
from tests.sortition.factories import assembly_in, organiser

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 320


def _inside(page, locator) -> None:
    """Every element of `locator` is visible and within the screen's width."""
    assert locator.count()
    for index in range(locator.count()):
        element = locator.nth(index)
        box = element.bounding_box()
        assert element.is_visible() and box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, (index, box)


def test_quota_and_report_tables_keep_their_key_columns_at_320_px(page):
    assembly = assembly_in("registration")
    clerk = organiser(assembly)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    log_in(page, clerk.email, TEST_PASSWORD)
    page.goto(f"/loting/{assembly.pk}/quota/")
    _inside(page, page.locator(".quota-table th[scope=row]"))
    _inside(page, page.locator(".quota-table input"))
    violations = axe_violations(page)
    assert not violations, describe("quotas at 320 px", violations)

    published = assembly_in("published")
    rows = [
        {
            "value": value,
            "population": 500,
            "share": 0.5,
            "min": 1,
            "max": 3,
            "pool": 6,
            "panel": 2,
            "p_min": 0.5,
            "p_mean": 0.5,
            "p_max": 0.5,
        }
        for value in ("vrouw", "man")
    ]
    published.report.data = {
        "features": [{"name": "Geslacht", "rows": rows}],
        "probabilities": [0.5] * 8,
        "summary": {"panel_size": 4, "min": 0.5, "max": 0.5},
    }
    published.report.save()
    page.goto(f"/loting/{published.pk}/verslag/")
    table = page.locator("table.table--stack")
    _inside(page, table.locator("th[scope=row]"))
    _inside(page, table.locator("td"))
    violations = axe_violations(page)
    assert not violations, describe("report at 320 px", violations)
