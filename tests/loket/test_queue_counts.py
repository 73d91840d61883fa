"""Issue 13: the desk queue at 50,000 items reads one page of rows; its counts come from
the shared cache and start over when an item changes. The number of queries does not grow
with the number of items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import user_with_role
from tests.loket.factories import DeskItemFactory
from voorop.loket import services
from voorop.loket.models import DeskItem

pytestmark = pytest.mark.django_db

QUEUE = "/loket/werkvoorraad/"


def _add(n: int, **traits) -> None:
    DeskItem.objects.bulk_create(DeskItemFactory.build_batch(n, **traits))


def _load(client) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(queries), [q["sql"] for q in queries]


def _whole_table_counts(sql: list[str]) -> list[str]:
    return [q for q in sql if "COUNT(" in q.upper() and "loket_deskitem" in q]


def test_the_queue_asks_as_often_for_600_items_as_for_60_and_no_more_than_13(client):
    client.force_login(user_with_role("loketmedewerker"))
    _add(50)
    _add(10, overdue=True)
    small, _small_sql = _load(client)
    client.get(QUEUE)  # warm
    _add(540)  # the first page stays 10 overdue items and 40 others
    from voorop.loket import selectors

    selectors.queue_changed()
    large, large_sql = _load(client)
    assert large == small <= 13, "\n".join(q[:150] for q in large_sql)


def test_a_second_look_counts_nothing_again(client):
    client.force_login(user_with_role("loketmedewerker"))
    _add(30)
    _add(5, overdue=True)
    _first, sql = _load(client)
    assert len(_whole_table_counts(sql)) == 2  # items and overdue, once
    _second, sql = _load(client)
    assert _whole_table_counts(sql) == []
    # A filter has counts of its own.
    response = client.get(QUEUE + "?kind=idee&status=open")
    assert response.status_code == 200


def test_a_new_item_starts_the_counts_over(client, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import AnonymousUser

    client.force_login(user_with_role("loketmedewerker"))
    _add(3, overdue=True)
    assert "3 meldingen wachten" in client.get(QUEUE).content.decode()
    _add(1, overdue=True)  # not through a service: the cache does not know yet
    assert "3 meldingen wachten" in client.get(QUEUE).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.item_submit(
            actor=AnonymousUser(),
            kind="idee",
            title="Bankje",
            description="Bij de vijver.",
            contact_email="ik@example.org",
        )
    html = client.get(QUEUE).content.decode()
    assert "4 meldingen wachten" in html
    assert html.count("/loket/melding/") == 5


def test_the_queue_reads_no_password_hashes(client):
    # The filter's contact people and the routing rules' contact persons: names only.
    from tests.accounts.factories import UserFactory
    from tests.loket.factories import RoutingRuleFactory

    client.force_login(user_with_role("loketmedewerker"))
    user_with_role("loketmedewerker")
    RoutingRuleFactory(contact=UserFactory(display_name="Fallback"))
    _add(3)
    _count, sql = _load(client)
    reading_accounts = [q for q in sql if '"accounts_user"."password"' in q]
    # Only the signed-in user's own row (voorop.accounts.backends), not the staff lists.
    assert reading_accounts == [], "\n".join(q[:200] for q in reading_accounts)
    assert "Fallback" in client.get(QUEUE).content.decode()
