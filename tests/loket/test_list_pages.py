"""The desk queue shows one page of the officer's open tasks (calls and letters), paged
apart from the items, and asks the database as often for many tasks as for a page full
(review: every list paginated)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import user_with_role
from tests.loket.factories import DeskItemFactory
from voorop.loket.models import DeskTask
from voorop.loket.views import TASKS_PAGE

pytestmark = pytest.mark.django_db
PER_PAGE = 10


def _add(count: int, start: int = 0) -> None:
    # One item with many letters to send, so only the list of tasks grows.
    item = DeskTask.objects.values_list("item", flat=True).first() or DeskItemFactory().pk
    DeskTask.objects.bulk_create(
        DeskTask(item_id=item, kind=DeskTask.Kind.LETTER, text=f"Brief {n:03d} sturen")
        for n in range(start, start + count)
    )


def _get(client, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/loket/werkvoorraad/", params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_tasks_have_pages_of_their_own_and_keep_the_filters(client):
    client.force_login(user_with_role("loketmedewerker"))
    _add(PER_PAGE + 1)
    _count, first = _get(client)
    assert "Brief 000 sturen" in first and f"Brief {PER_PAGE:03d} sturen" not in first
    assert f'href="?{TASKS_PAGE}=2#tasks-title"' in first
    assert '<nav aria-label="Pagina\'s met uw taken">' in first
    _count, second = _get(client, status="", **{TASKS_PAGE: 2})
    assert f"Brief {PER_PAGE:03d} sturen" in second and "Brief 000 sturen" not in second
    assert f'href="?status=&amp;{TASKS_PAGE}=1#tasks-title"' in second


def test_the_queue_asks_as_often_for_many_tasks_as_for_a_page_full(client):
    client.force_login(user_with_role("loketmedewerker"))
    _add(PER_PAGE + 1)
    _get(client)  # the first look fills the desk's cached counts
    few, _html = _get(client)
    few_second, _html = _get(client, **{TASKS_PAGE: 2})
    _add(50, start=100)
    many, html = _get(client)
    assert many == few
    assert html.count("/gedaan/") == PER_PAGE
    many_second, _html = _get(client, **{TASKS_PAGE: 2})
    assert many_second == few_second


def test_each_task_shows_its_item_and_submitter_without_a_query_of_its_own(client):
    """Issue 13: the tasks are read with only what the list shows of their items; a field
    left out would cost a query per task."""
    client.force_login(user_with_role("loketmedewerker"))
    item = DeskItemFactory(contact_name="Jan Smit", contact_phone="0612345678")
    DeskTask.objects.create(item=item, kind=DeskTask.Kind.CALL, text="Bellen over de boom")
    _get(client)  # the first look fills the desk's cached counts
    one, html = _get(client)
    assert all(text in html for text in ["Jan Smit", "0612345678", item.reference, item.title])
    for n in range(PER_PAGE - 1):
        other = DeskItemFactory(contact_address=f"Dorpsstraat {n}")
        DeskTask.objects.create(item=other, kind=DeskTask.Kind.LETTER, text=f"Brief {n}")
    _get(client)
    full, html = _get(client)
    assert "Dorpsstraat 8" in html and "Bellen over de boom" in html
    assert full == one
