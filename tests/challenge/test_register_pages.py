"""The public register of challenges is paginated: a page reads one page of rows, whatever
the number of challenges, and the filters stay on the links to other pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.challenge.factories import ChallengeFactory
from voorop.challenge.models import Stage
from voorop.core.pagination import PAGE_SIZE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _plain_http(settings):
    settings.SECURE_SSL_REDIRECT = False


def test_the_register_shows_one_page_and_links_to_the_next_with_the_filter(client):
    challenges = ChallengeFactory.create_batch(PAGE_SIZE + 3, stage=Stage.ASSESSMENT)
    page = client.get(reverse("challenge:register"), {"stage": "assessment"}).text
    assert f"{PAGE_SIZE + 3} uitdagingen" in page
    assert page.count("<tr>") == PAGE_SIZE + 1  # the header row and one page of challenges
    assert "stage=assessment&amp;pagina=2" in page
    second = client.get(reverse("challenge:register"), {"stage": "assessment", "pagina": 2}).text
    assert second.count("<tr>") == 3 + 1
    shown = {c.title for c in challenges if c.title in page or c.title in second}
    assert len(shown) == PAGE_SIZE + 3


def test_the_number_of_queries_does_not_grow_with_the_register(client):
    ChallengeFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("challenge:register")).status_code == 200
    ChallengeFactory.create_batch(2 * PAGE_SIZE)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("challenge:register")).status_code == 200
    # A list that fits on one page is read without a COUNT (voorop.core.pagination).
    assert len(many.captured_queries) <= len(few.captured_queries) + 1
    ChallengeFactory.create_batch(2 * PAGE_SIZE)
    with CaptureQueriesContext(connection) as more:
        assert client.get(reverse("challenge:register")).status_code == 200
    assert len(more.captured_queries) == len(many.captured_queries)
