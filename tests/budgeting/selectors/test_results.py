"""Reads that the results page relies on: the public digest check and the page's figures."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import user_with_role
from tests.budgeting.factories import ProposalFactory, RoundFactory, code_ballot
from voorop.budgeting import selectors, services

pytestmark = pytest.mark.django_db


def _computed(django_capture_on_commit_callbacks):
    budget_round = RoundFactory(phase="results", budget=10_000, greedy=True)
    a, b, c = (
        ProposalFactory(round=budget_round, approved=True, title=title, cost_estimate=cost)
        for title, cost in (("Speeltuin", 6_000), ("Bankjes", 3_000), ("AED", 2_000))
    )
    for _ in range(3):
        code_ballot(budget_round, {a.pk: 1, b.pk: 1})
    code_ballot(budget_round, {c.pk: 1})
    with django_capture_on_commit_callbacks(execute=True):
        services.result_compute(actor=user_with_role("beheerder"), budget_round=budget_round)
    return budget_round, (a, b, c)


def test_the_result_page_holds_the_rows_the_command_and_a_passing_check(
    django_capture_on_commit_callbacks,
):
    budget_round, (a, b, c) = _computed(django_capture_on_commit_callbacks)
    result = selectors.latest_result(budget_round)
    page = selectors.result_page(budget_round, result, ballot=None)
    # Funded first; equal votes by title.
    assert [row["proposal"] for row in page["funded_rows"]] == [b, a]
    assert [row["proposal"] for row in page["unfunded_rows"]] == [c]
    assert page["left"] == 1_000 and page["mine"] == []
    assert page["filename"] == f"voorop-begroting-{budget_round.pk}.pb"
    assert page["filename"] in page["command"]
    assert page["digest_ok"] and page["file_digest"] == result.ballots_digest


def test_the_check_fails_when_the_votes_changed_after_the_computation(
    django_capture_on_commit_callbacks,
):
    budget_round, (_a, _b, c) = _computed(django_capture_on_commit_callbacks)
    result = selectors.latest_result(budget_round)
    code_ballot(budget_round, {c.pk: 1})
    check = selectors.digest_check(budget_round, result)
    assert check.file == check.stored and check.live != check.stored
    assert not check.ok
    assert not selectors.result_page(budget_round, result, ballot=None)["digest_ok"]


def test_the_latest_result_leaves_its_file_until_the_download_asks_for_it(
    django_capture_on_commit_callbacks, client
):
    # Issue 13: the file holds every ballot (hundreds of kilobytes at 20,000 ballots); the
    # round admin page and the rules ask for the latest result on every view.
    budget_round, _proposals = _computed(django_capture_on_commit_callbacks)
    client.force_login(user_with_role("beheerder"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/begroting/{budget_round.pk}/beheer/")
    assert response.status_code == 200
    assert not [q for q in queries if "pb_text" in q["sql"]]
    # The download and the check of the stored file still read it.
    result = selectors.latest_result(budget_round)
    assert selectors.digest_check(budget_round, result).ok
    response = client.get(f"/begroting/{budget_round.pk}/stemmen.pb")
    assert response.status_code == 200
    assert response.content.decode() == type(result).objects.get(pk=result.pk).pb_text
    assert response.content.decode().startswith("META")
