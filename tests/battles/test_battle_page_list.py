"""The battle page lists its plans a page at a time, with a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.battles.factories import BattleFactory, EntryFactory

pytestmark = pytest.mark.django_db


def _get(client, battle, page=None):
    query = {"pagina": page} if page else {}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(battle.get_absolute_url(), query)
    assert response.status_code == 200
    return response, len(queries)


def test_the_plans_come_a_page_at_a_time_at_a_fixed_cost(client):
    battle = BattleFactory()
    EntryFactory(battle=battle, title="Plan nummer 1")
    _response, few = _get(client, battle)
    for number in range(2, 31):
        EntryFactory(battle=battle, title=f"Plan nummer {number}")
    response, many = _get(client, battle)
    page = response.content.decode()
    assert "Plan nummer 25<" in page and "Plan nummer 26<" not in page
    assert 'aria-label="Pagina' in page
    assert many == few + 1  # the plans' COUNT, now that they fill more than a page
    second = _get(client, battle, page=2)[0].content.decode()
    assert "Plan nummer 26<" in second and "Plan nummer 1<" not in second
