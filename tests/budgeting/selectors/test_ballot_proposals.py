"""The proposals on the ballot, kept in the shared cache (issue 13), hold what the ballot
shows and nothing of their round or author (review)."""

import pickle

import pytest
from django.core.cache import cache

from tests.budgeting.factories import ProposalFactory, RoundFactory
from voorop.budgeting import selectors
from voorop.budgeting.selectors.rounds import BALLOT_PROPOSALS
from voorop.core.cache import key

pytestmark = pytest.mark.django_db


def test_the_kept_ballot_holds_no_round_and_no_author(django_assert_num_queries):
    budget_round = RoundFactory(phase="voting", budget=10_000)
    first = ProposalFactory(round=budget_round, approved=True, title="Bankjes", cost_estimate=3_000)
    ProposalFactory(round=budget_round, approved=True, title="AED", cost_estimate=2_000)
    ProposalFactory(round=budget_round, title="Nog niet beoordeeld", cost_estimate=1_000)
    selectors.latest_result(budget_round)  # something cached on the round object
    cache.clear()

    proposals = selectors.ballot_proposals(budget_round)

    assert [p.title for p in proposals] == ["AED", "Bankjes"]
    kept = cache.get(key(BALLOT_PROPOSALS, budget_round.pk))
    assert [p.pk for p in kept] == [p.pk for p in proposals]
    for proposal in kept:
        assert "round" not in proposal._state.fields_cache
        assert "author" not in proposal._state.fields_cache
    stored = pickle.dumps(kept)
    assert first.author.password.encode() not in stored
    assert b"_latest_result_cache" not in stored
    # What the ballot and the election read comes with it.
    with django_assert_num_queries(0):
        assert {(p.area_id, p.theme_id) for p in kept} and [p.cost for p in kept]
        [(p.area, p.theme) for p in kept]
    # The author, when a service needs one, is read fresh.
    assert kept[1].author.email == first.author.email
