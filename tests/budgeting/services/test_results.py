"""Services, results: computing the outcome when voting closes, and explaining it."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.budgeting.factories import (
    RoundFactory,
    dates_for,
    eligible_voter,
)
from tests.budgeting.services.helpers import closed_round, staff, voting_round
from voorop.budgeting import selectors, services
from voorop.budgeting.models import (
    Ballot,
    ResultStatus,
)
from voorop.engines.budgeting import ballots_digest, compute, read_pb, write_pb

pytestmark = pytest.mark.django_db


def test_result_compute_runs_the_engine_and_stores_what_recomputes_it(
    django_capture_on_commit_callbacks,
):
    budget_round, (_a, b, c, d) = closed_round()
    with django_capture_on_commit_callbacks(execute=True):
        result = services.result_compute(actor=staff(), budget_round=budget_round)
    result.refresh_from_db()
    assert result.status == ResultStatus.DONE
    assert result.rule == "mes/add1" and result.tie_breaking == "cost-votes"
    assert result.seed == budget_round.seed and result.engine_version
    assert result.ballot_count == 10
    # Proportional: the group of 4 gets its proposals too (greedy would fund a and b only).
    assert set(result.selected) == {str(b.pk), str(c.pk), str(d.pk)}
    assert [u["reason"] for u in result.unfunded] == ["not_enough_support"]
    # The stored file recomputes to the same outcome and digest.
    election = read_pb(result.pb_text)
    assert ballots_digest(election) == result.ballots_digest
    again = compute(
        election, "mes", completion="add1", tie_breaking="cost-votes", seed=budget_round.seed
    )
    assert list(again.selected) == result.selected
    assert ballots_digest(selectors.election_of(budget_round)) == result.ballots_digest


def test_greedy_result_explains_over_budget(django_capture_on_commit_callbacks):
    budget_round, (a, b, c, d) = closed_round(greedy=True)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.result_compute(actor=staff(), budget_round=budget_round)
    result.refresh_from_db()
    assert result.rule == "greedy"
    assert set(result.selected) == {str(a.pk), str(b.pk)}
    reasons = {u["project_id"]: u["reason"] for u in result.unfunded}
    assert reasons == {str(c.pk): "over_budget", str(d.pk): "over_budget"}
    text = selectors.unfunded_text(result.unfunded[0])
    assert "niet genoeg geld" in text


def test_a_closed_round_queues_its_result_once(django_capture_on_commit_callbacks):
    budget_round, _ = closed_round()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.round_close_if_due(budget_round=budget_round)
    assert first is not None
    assert services.round_close_if_due(budget_round=budget_round) is None
    assert budget_round.results.count() == 1


def test_result_compute_only_after_voting():
    budget_round, _ = voting_round()
    with pytest.raises(PermissionDenied):
        services.result_compute(actor=staff(), budget_round=budget_round)


def test_a_failed_computation_is_recorded(monkeypatch, django_capture_on_commit_callbacks):
    budget_round, _ = closed_round()

    def boom(*args, **kwargs):
        raise RuntimeError("engine down")

    monkeypatch.setattr(services.results, "compute", boom)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.result_compute(actor=staff(), budget_round=budget_round)
    result.refresh_from_db()
    assert result.status == ResultStatus.FAILED and "engine down" in result.error


def test_election_ballots_are_anonymous_and_in_a_fixed_order():
    budget_round, (_a, _b, _c, d) = closed_round()
    voter = eligible_voter(budget_round)
    Ballot.objects.create(
        round=budget_round, voter=voter, channel="account", choices={str(d.pk): 1}
    )
    election = selectors.election_of(budget_round)
    assert [b.voter_id for b in election.ballots] == [str(i) for i in range(1, 12)]
    assert voter.email not in write_pb(election)


@pytest.mark.parametrize(
    ("item", "text"),
    [
        (
            {"reason": "not_enough_support", "cost": 14000, "supporters": 42},
            "De stemmers die dit voorstel kozen, hadden samen niet genoeg over van hun deel "
            "om het te betalen (€\xa014.000).",
        ),
        (
            {"reason": "over_budget", "cost": 9000, "remaining": 7500},
            "het kost €\xa09.000 en er was nog €\xa07.500 over.",
        ),
        ({"reason": "no_votes", "votes": 0}, "Niemand stemde erop."),
        ({"reason": "cost_exceeds_budget"}, "Het kost meer dan het hele budget."),
        ({"reason": "below_min_votes", "min_votes": 5}, "minimum van 5."),
        ({"reason": "stopped_no_skip"}, "De verdeling stopte"),
    ],
)
def test_every_engine_reason_in_plain_dutch(item, text):
    assert text in selectors.unfunded_text(item)


def test_daily_job_computes_results_of_closed_rounds_nobody_visited():
    closed = RoundFactory(**dates_for("results"))
    RoundFactory(**dates_for("voting"))
    assert services.rounds_close_due() == 1
    assert closed.results.exists()
    assert services.rounds_close_due() == 0  # once
