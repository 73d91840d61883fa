"""The public pages read a fixed number of queries, however many rows there are (issue 13):
measured with the page cache off (the view itself), with a few rows and with 200. A list
that fits on its first page is read without a COUNT (voorop.core.pagination): at 200 rows a
page costs exactly that one statement more, so a query per row would show."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.challenge.factories import ChallengeFactory
from tests.council.factories import EventFactory
from tests.initiatives.factories import InitiativeFactory
from voorop.initiatives.models import Support

pytestmark = pytest.mark.django_db
ROWS = 200
LONGER_THAN_A_PAGE = 1  # the COUNT of the list that no longer fits on one page


@pytest.fixture(autouse=True)
def _plain_http(settings):
    settings.SECURE_SSL_REDIRECT = False
    settings.VOOROP_PAGE_CACHE = False


def _queries(client, url: str) -> int:
    client.get(url)  # sessions, content types and the like, read once per process
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_gallery(client):
    url = reverse("initiatives:gallery")
    InitiativeFactory.create_batch(2, running=True)
    few = _queries(client, url)
    InitiativeFactory.create_batch(ROWS, running=True)
    assert _queries(client, url) == few + LONGER_THAN_A_PAGE


def test_an_initiative_with_many_supporters(client):
    initiative = InitiativeFactory(running=True)
    url = reverse("initiatives:detail", args=[initiative.pk])
    Support.objects.create(initiative=initiative, user=UserFactory(), show_name=True)
    few = _queries(client, url)
    Support.objects.bulk_create(
        Support(initiative=initiative, user=user, show_name=True)
        for user in UserFactory.create_batch(ROWS)
    )
    page = client.get(url).text
    assert _queries(client, url) == few + LONGER_THAN_A_PAGE
    assert page.count("<li>") < ROWS  # the supporters' names come a page at a time


def test_the_challenges_register(client):
    url = reverse("challenge:register")
    ChallengeFactory.create_batch(2)
    few = _queries(client, url)
    ChallengeFactory.create_batch(ROWS)
    assert _queries(client, url) == few + LONGER_THAN_A_PAGE


def test_the_events_list(client):
    url = reverse("council:event_list")
    soon = timezone.now() + timedelta(days=1)
    EventFactory(starts_at=soon)
    EventFactory(past=True)
    few = _queries(client, url)
    for n in range(ROWS):
        EventFactory(starts_at=soon + timedelta(hours=n))
        EventFactory(starts_at=timezone.now() - timedelta(days=1, hours=n))
    assert _queries(client, url) == few + LONGER_THAN_A_PAGE


def test_the_home_page_reads_nothing_from_the_database(client):
    assert _queries(client, "/") == 0
