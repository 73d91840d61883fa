"""An initiative's page shows one page of its updates and one of its timeline, each paged
on its own, and asks the database as often for many as for few (review: every list
paginated)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.initiatives.factories import InitiativeFactory, UpdateFactory
from voorop.initiatives.models import InitiativeTimelineEntry
from voorop.initiatives.views import TIMELINE_PER_PAGE, UPDATES_PER_PAGE

pytestmark = pytest.mark.django_db


def _add(initiative, updates: int, entries: int, start: int = 0) -> None:
    base = timezone.now() - timedelta(days=400)
    for n in range(start, start + updates):
        update = UpdateFactory(initiative=initiative, title=f"Bericht {n:03d}")
        update.__class__.objects.filter(pk=update.pk).update(created_at=base + timedelta(days=n))
    InitiativeTimelineEntry.objects.bulk_create(
        InitiativeTimelineEntry(
            initiative=initiative,
            kind=InitiativeTimelineEntry.Kind.CREATED,
            text=f"Stap {n:03d}",
            created_at=base + timedelta(days=n),
        )
        for n in range(start, start + entries)
    )


def _get(client, initiative, **params) -> tuple[int, str]:
    cache.clear()  # the similar initiatives are cached: count the same work every time
    with CaptureQueriesContext(connection) as queries:
        response = client.get(initiative.get_absolute_url(), params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_updates_and_timeline_have_pages_of_their_own(client):
    initiative = InitiativeFactory(running=True)
    _add(initiative, UPDATES_PER_PAGE + 1, TIMELINE_PER_PAGE + 1)
    _count, first = _get(client, initiative)
    # Updates newest first, the timeline oldest first.
    assert f"Bericht {UPDATES_PER_PAGE:03d}" in first and "Bericht 000" not in first
    assert "Stap 000" in first and f"Stap {TIMELINE_PER_PAGE:03d}" not in first
    assert 'href="?pagina_berichten=2#berichten"' in first
    assert 'href="?pagina_tijdlijn=2#tijdlijn"' in first
    assert '<nav aria-label="Pagina\'s met berichten">' in first
    # Paging one list leaves the other where it is.
    _count, both = _get(client, initiative, pagina_berichten=2, pagina_tijdlijn=2)
    assert "Bericht 000" in both and f"Bericht {UPDATES_PER_PAGE:03d}" not in both
    assert f"Stap {TIMELINE_PER_PAGE:03d}" in both and "Stap 000" not in both
    assert 'href="?pagina_tijdlijn=2&amp;pagina_berichten=1#berichten"' in both


def test_the_page_asks_as_often_for_many_updates_and_steps_as_for_a_page_full(client):
    initiative = InitiativeFactory(running=True)
    _add(initiative, UPDATES_PER_PAGE + 1, TIMELINE_PER_PAGE + 1)
    few, _html = _get(client, initiative)
    few_second, _html = _get(client, initiative, pagina_berichten=2, pagina_tijdlijn=2)
    _add(initiative, 60, 120, start=100)
    many, html = _get(client, initiative)
    assert many == few
    assert html.count('class="initiative-update"') == UPDATES_PER_PAGE
    assert html.count('class="timeline-item"') == TIMELINE_PER_PAGE
    many_second, _html = _get(client, initiative, pagina_berichten=2, pagina_tijdlijn=2)
    assert many_second == few_second
