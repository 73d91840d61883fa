"""Reading a page writes nothing (issue 11): not when voting has just closed and no result was
computed yet, not for any visitor, voter or member of staff. A closed round shows as closed
from its dates; the maintenance job and staff queue the computation."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import user_with_role
from tests.budgeting.factories import (
    PHASES,
    ProposalFactory,
    RoundFactory,
    code_ballot,
    eligible_voter,
    voting_code,
)
from voorop.budgeting import services
from voorop.budgeting.models import Ballot

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b|\bFOR UPDATE\b", re.IGNORECASE)


def _writes(client, urls: list[str]) -> dict[str, list[str]]:
    found = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
        writes = [q["sql"] for q in queries.captured_queries if WRITE.search(q["sql"])]
        if writes:
            found[url] = writes
    return found


def _round_with_votes(phase: str):
    budget_round = RoundFactory(phase=phase, budget=10_000)
    a, b = (
        ProposalFactory(round=budget_round, approved=True, title=title, cost_estimate=cost)
        for title, cost in (("Speeltuin", 6_000), ("Bankjes", 3_000))
    )
    code_ballot(budget_round, {a.pk: 1, b.pk: 1})
    return budget_round, a


def _public_urls(budget_round, proposal) -> list[str]:
    pk = budget_round.pk
    return [
        "/begroting/",
        f"/begroting/{pk}/",
        f"/begroting/voorstel/{proposal.pk}/",
        f"/begroting/{pk}/stemmen/",
        f"/begroting/{pk}/stemcode/",
        f"/begroting/{pk}/uitslag/",
        f"/begroting/{pk}/stemmen.pb",
        "/begroting/wat-als/",
        f"/begroting/wat-als/?ronde={pk}",
    ]


def _staff_urls(budget_round, proposal) -> list[str]:
    pk = budget_round.pk
    return [
        *_public_urls(budget_round, proposal),
        f"/begroting/{pk}/beheer/",
        f"/begroting/{pk}/wijzigen/",
        f"/begroting/{pk}/uitslag/status/",
        f"/begroting/{pk}/stemcodes/",
        f"/begroting/{pk}/papieren-stem/",
        f"/begroting/voorstel/{proposal.pk}/beoordelen/",
        f"/begroting/voorstel/{proposal.pk}/initiatief/",
        "/begroting/nieuw/",
        "/begroting/inwoners-controleren/",
    ]


@pytest.mark.parametrize("phase", PHASES)
def test_no_page_writes_for_visitors_voters_or_staff(client, phase):
    budget_round, proposal = _round_with_votes(phase)
    urls = _public_urls(budget_round, proposal)
    assert _writes(client, urls) == {}

    voter = eligible_voter(budget_round)
    Ballot.objects.create(
        round=budget_round, voter=voter, channel="account", choices={str(proposal.pk): 1}
    )
    client.force_login(voter)
    assert _writes(client, [*urls, f"/begroting/{budget_round.pk}/ontvangstbewijs/"]) == {}

    client.force_login(user_with_role("procesbegeleider"))
    assert _writes(client, _staff_urls(budget_round, proposal)) == {}


def test_a_code_voter_reads_the_ballot_and_receipt_without_writes(client):
    budget_round, proposal = _round_with_votes("voting")
    row, code = voting_code(budget_round)
    client.post(f"/begroting/{budget_round.pk}/stemcode/", {"code": code})
    client.post(f"/begroting/{budget_round.pk}/stemmen/", {f"p{proposal.pk}": "on"})
    assert Ballot.objects.filter(voting_code=row).exists()
    urls = [
        f"/begroting/{budget_round.pk}/stemmen/",
        f"/begroting/{budget_round.pk}/ontvangstbewijs/",
        f"/begroting/{budget_round.pk}/",
    ]
    assert _writes(client, urls) == {}


def test_a_round_read_right_after_the_close_shows_it_closed_and_stays_unwritten(
    client, django_capture_on_commit_callbacks
):
    budget_round, proposal = _round_with_votes("results")
    staff = user_with_role("beheerder")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert _writes(client, _staff_urls(budget_round, proposal)) == {}
    assert callbacks == [] and not budget_round.results.exists()
    # The job queues it; then the pages show the computed result, still without writing.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rounds_close_due() == 1
    assert budget_round.results.get().is_done
    assert _writes(client, _staff_urls(budget_round, proposal)) == {}
    page = client.get(f"/begroting/{budget_round.pk}/uitslag/").content.decode()
    assert "Deze voorstellen krijgen geld" in page
