"""Issue 13: the round admin page and the ballot ask the database as often for many ballots
as for few, and the admin page's counts of ballots and codes come from the shared cache."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.budgeting.factories import code_ballot, voting_code
from tests.budgeting.services.helpers import staff, voting_round
from voorop.budgeting.views.common import session_key

pytestmark = pytest.mark.django_db


def _queries(client, method: str, path: str, data=None) -> tuple[int, list[str], object]:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, data or {})
    return len(queries), [q["sql"] for q in queries], response


def test_the_round_admin_page_does_not_ask_more_for_more_ballots(client):
    budget_round, (a, _b, _c) = voting_round()
    client.force_login(staff())
    path = f"/begroting/{budget_round.pk}/beheer/"
    for _ in range(3):
        code_ballot(budget_round, {a.pk: 1})
    few, _sql, response = _queries(client, "get", path)
    assert response.status_code == 200 and "3 stemmen" in response.content.decode()
    for _ in range(60):
        code_ballot(budget_round, {a.pk: 1})
    from django.core.cache import cache

    cache.clear()
    many, _sql, response = _queries(client, "get", path)
    assert many == few
    assert "63 stemmen" in response.content.decode()
    # Looked at again: no count of ballots or codes.
    _again, sql, _response = _queries(client, "get", path)
    assert not [q for q in sql if "COUNT(" in q.upper() and "budgeting_ballot" in q]
    assert not [q for q in sql if "COUNT(" in q.upper() and "budgeting_votingcode" in q]


def _cast(budget_round, proposal) -> tuple[int, list[str]]:
    code, _clear = voting_code(budget_round)
    client = Client()
    session = client.session
    session[session_key(budget_round)] = code.pk
    session.save()
    count, sql, response = _queries(
        client, "post", f"/begroting/{budget_round.pk}/stemmen/", {f"p{proposal.pk}": "on"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return count, sql


def test_a_ballot_asks_as_often_after_many_ballots_and_reads_its_proposals_once(client):
    budget_round, (a, _b, _c) = voting_round()
    _cast(budget_round, a)  # the proposals are now in the cache
    first, sql = _cast(budget_round, a)
    assert not [q for q in sql if "budgeting_proposal" in q]
    for _ in range(50):
        code_ballot(budget_round, {a.pk: 1})
    later, _sql = _cast(budget_round, a)
    assert later == first


def test_a_ballot_by_code_reads_code_and_round_together_and_a_change_never_fails_an_insert():
    budget_round, (a, b, _c) = voting_round()
    _cast(budget_round, a)  # the proposals are now in the cache
    _count, sql = _cast(budget_round, a)
    reads_of_the_round = [q for q in sql if '"budgeting_budgetround"' in q]
    assert len(reads_of_the_round) == 1
    assert '"budgeting_votingcode"' in reads_of_the_round[0]
    # A change finds the ballot in the way of its INSERT and updates it. No INSERT may be
    # refused by the one-ballot constraint: PostgreSQL would write the statement, choices
    # included, to its server log.
    code, _clear = voting_code(budget_round)
    client = Client()
    session = client.session
    session[session_key(budget_round)] = code.pk
    session.save()
    path = f"/begroting/{budget_round.pk}/stemmen/"
    assert client.post(path, {f"p{a.pk}": "on"}).status_code == 302
    _count, sql, response = _queries(client, "post", path, {f"p{b.pk}": "on"})
    assert response.status_code == 302
    ballot_writes = [q for q in sql if '"budgeting_ballot"' in q and not q.startswith("SELECT")]
    assert [q.split()[0] for q in ballot_writes] == ["INSERT", "UPDATE"]
    assert "ON CONFLICT DO NOTHING" in ballot_writes[0]
