"""The panel's indicator on known data (issue 17)."""

from datetime import datetime

import pytest
from django.utils import timezone

from tests.panel.factories import ConsultationFactory
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
