"""The events list shows one page of coming events and the twenty latest earlier ones,
whatever the number of events."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.council.factories import EventFactory
from voorop.core.pagination import PAGE_SIZE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _plain_http(settings):
    settings.SECURE_SSL_REDIRECT = False


def test_coming_events_are_paginated_and_in_order(client):
    start = timezone.now() + timedelta(days=1)
    events = [
        EventFactory(title=f"Gesprek {n:02d}", starts_at=start + timedelta(days=n))
        for n in range(PAGE_SIZE + 2)
    ]
    first = client.get(reverse("council:event_list")).text
    assert events[0].title in first and events[PAGE_SIZE - 1].title in first
    assert events[PAGE_SIZE].title not in first
    assert "pagina=2" in first
    second = client.get(reverse("council:event_list"), {"pagina": 2}).text
    assert events[PAGE_SIZE].title in second and events[0].title not in second
