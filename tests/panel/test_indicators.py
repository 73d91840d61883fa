"""The panel's indicator on known data (issue 17)."""

from datetime import datetime

import pytest
from django.utils import timezone

from tests.panel.factories import ConsultationFactory, MemberFactory, PanelFactory, population
from voorop.core.indicators import Period
from voorop.panel import indicators

pytestmark = pytest.mark.django_db


def test_share_of_closed_consultations_with_published_feedback():
    closed = timezone.make_aware(datetime(2025, 3, 1))
    ConsultationFactory(closes_at=closed, feedback_published_at=closed)
    ConsultationFactory(closes_at=closed)
    ConsultationFactory(closes_at=timezone.make_aware(datetime(2025, 9, 1)))
    measured = indicators.feedback_published(Period.half_year(2025, 1), None)
    assert (measured.numerator, measured.denominator, measured.value) == (1, 2, 0.5)


def test_how_well_the_panel_mirrors_the_population():
    panel = PanelFactory()
    # Age: 3 of 4 members young against half of the residents: distance 0.25.
    # District: 2 and 2 against half and half: distance 0. Mean 0.125, so 0.875.
    for age, district in [("jong", "Centrum"), ("jong", "Heikant"), ("jong", "Centrum"),
                          ("oud", "Heikant")]:  # fmt: skip
        MemberFactory(panel=panel, features={"Leeftijd": age, "Wijk": district})
    population(
        panel,
        {("Leeftijd", "jong"): 500, ("Leeftijd", "oud"): 500,
         ("Wijk", "Centrum"): 300, ("Wijk", "Heikant"): 300},
    )  # fmt: skip
    PanelFactory()  # no population figures: left out, not counted as 0
    measured = indicators.representativeness(Period.half_year(2025, 1), None)
    assert measured.value == 0.875
    assert measured.breakdown == {panel.title: 0.875}
