"""The round admin page shows one page of the proposals waiting for review and one of the
reviewed ones, each paged on its own, and asks the database as often for many proposals as
for a page full (review: every list paginated)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.budgeting.factories import ProposalFactory
from tests.budgeting.services.helpers import staff, voting_round
from voorop.core.pagination import PAGE_SIZE

pytestmark = pytest.mark.django_db


def _add(budget_round, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        ProposalFactory(round=budget_round, title=f"Aanvraag {n:03d}")
        ProposalFactory(round=budget_round, title=f"Beoordeeld {n:03d}", approved=True)


def _get(client, budget_round, **params) -> tuple[int, str]:
    cache.clear()  # the counts of ballots and codes are cached: the same work every time
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/begroting/{budget_round.pk}/beheer/", params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_waiting_and_reviewed_proposals_have_pages_of_their_own(client):
    budget_round, _proposals = voting_round()
    _add(budget_round, PAGE_SIZE + 1)
    client.force_login(staff())
    _count, first = _get(client, budget_round)
    assert "Aanvraag 000" in first and f"Aanvraag {PAGE_SIZE:03d}" not in first
    assert "Beoordeeld 000" in first and f"Beoordeeld {PAGE_SIZE:03d}" not in first
    assert 'href="?pagina_wacht=2#waiting-title"' in first
    assert 'href="?pagina_beoordeeld=2#reviewed-title"' in first
    assert '<nav aria-label="Pagina\'s met voorstellen die wachten op beoordeling">' in first
    _count, second = _get(client, budget_round, pagina_wacht=2)
    assert f"Aanvraag {PAGE_SIZE:03d}" in second and "Aanvraag 000" not in second
    assert "Beoordeeld 000" in second  # the other list stays on its first page
    assert 'href="?pagina_wacht=1#waiting-title"' in second
    assert 'href="?pagina_wacht=2&amp;pagina_beoordeeld=2#reviewed-title"' in second


def test_the_admin_page_asks_as_often_for_many_proposals_as_for_a_page_full(client):
    budget_round, _proposals = voting_round()
    _add(budget_round, PAGE_SIZE + 1)
    client.force_login(staff())
    few, _html = _get(client, budget_round)
    few_second, _html = _get(client, budget_round, pagina_wacht=2, pagina_beoordeeld=2)
    _add(budget_round, 60, start=100)
    many, html = _get(client, budget_round)
    assert many == few
    assert html.count("/beoordelen/") <= PAGE_SIZE
    many_second, _html = _get(client, budget_round, pagina_wacht=2, pagina_beoordeeld=2)
    assert many_second == few_second


def test_the_lists_read_only_their_own_columns_and_show_every_one(client):
    """Issue 13: the proposals of the admin page are read without their area, theme, author
    and initiative (not shown), and nothing is read again row by row."""
    from tests.budgeting.factories import RoundFactory
    from voorop.budgeting.models import Proposal

    budget_round = RoundFactory(phase="review")
    waiting = ProposalFactory(round=budget_round, title="Bankjes", cost_estimate=1_250)
    reviewed = ProposalFactory(round=budget_round, title="Bomen", approved=True)
    Proposal.objects.filter(pk=reviewed.pk).update(cost=4_500)
    client.force_login(staff())
    _count, html = _get(client, budget_round)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/begroting/{budget_round.pk}/beheer/")
    lists = [q["sql"] for q in queries if 'FROM "budgeting_proposal"' in q["sql"]]
    assert lists and all("JOIN" not in sql and "description" not in sql for sql in lists)
    assert f'href="/begroting/voorstel/{waiting.pk}/"' in html or waiting.get_absolute_url() in html
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    from voorop.core.money import format_euros

    waiting_row = (
        f'<tr><td><a href="{waiting.get_absolute_url()}">Bankjes</a></td>'
        f"<td>{format_euros(1_250)}</td>"
        f"<td>{date_format(localtime(waiting.created_at), 'j F Y')}</td>\n"
        f'    <td><a href="/begroting/voorstel/{waiting.pk}/beoordelen/">Beoordelen'
        '<span class="visually-hidden">: Bankjes</span></a></td></tr>'
    )
    assert waiting_row in html
    reviewed_row = (
        f'<tr><td><a href="{reviewed.get_absolute_url()}">Bomen</a></td>'
        f"<td>{format_euros(4_500)}</td><td>goedgekeurd: op het stembiljet</td></tr>"
    )
    assert reviewed_row in html
    for _ in range(5):
        ProposalFactory(round=budget_round)
        ProposalFactory(round=budget_round, approved=True)
    more, _html = _get(client, budget_round)
    assert more == _count
