"""Services, setting up a round: creating, changing, and starting the next phase."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.budgeting.factories import (
    RoundFactory,
)
from tests.budgeting.services.helpers import round_fields, staff
from voorop.budgeting import selectors, services
from voorop.budgeting.models import (
    ResultStatus,
)
from voorop.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_round_create_publishes_a_seed_and_audits():
    budget_round = services.round_create(actor=staff(), **round_fields())
    assert len(budget_round.seed) == 8
    assert AuditEntry.objects.filter(action="budgeting.round_created").exists()


def test_a_seed_drawn_in_public_can_be_given():
    budget_round = services.round_create(actor=staff(), seed="raad-12-mei", **round_fields())
    assert budget_round.seed == "raad-12-mei"


def test_round_create_is_for_staff_only():
    with pytest.raises(PermissionDenied):
        services.round_create(actor=UserFactory(), **round_fields())


def test_round_create_checks_dates_and_ballot_settings():
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.round_create(actor=staff(), **round_fields(voting_until=now))
    with pytest.raises(ValidationError):
        services.round_create(actor=staff(), **round_fields(max_choices=None))


def test_dates_out_of_order_name_the_date_that_comes_too_early():
    budget_round = RoundFactory(phase="proposals")
    with pytest.raises(ValidationError) as error:
        services.round_update(
            actor=staff(),
            budget_round=budget_round,
            review_from=budget_round.proposals_from - timedelta(days=1),
        )
    assert list(error.value.error_dict) == ["review_from"]
    assert error.value.error_dict["review_from"][0].code == "dates_out_of_order"


def test_greedy_rounds_have_no_completion():
    budget_round = services.round_create(actor=staff(), **round_fields(rule="greedy"))
    assert budget_round.completion == "none"


def test_the_rule_is_locked_once_voting_started():
    budget_round = RoundFactory(phase="voting")
    with pytest.raises(ValidationError):
        services.round_update(actor=staff(), budget_round=budget_round, rule="greedy")
    services.round_update(actor=staff(), budget_round=budget_round, title="Nieuwe naam")
    budget_round.refresh_from_db()
    assert budget_round.title == "Nieuwe naam"


def test_start_next_phase_moves_the_dates_and_closing_queues_the_result(
    django_capture_on_commit_callbacks,
):
    budget_round = RoundFactory(phase="proposals")
    services.round_start_next_phase(actor=staff(), budget_round=budget_round)
    budget_round.refresh_from_db()
    assert budget_round.phase.key == "review"
    services.round_start_next_phase(actor=staff(), budget_round=budget_round)
    budget_round.refresh_from_db()
    assert budget_round.phase.key == "voting"
    with django_capture_on_commit_callbacks(execute=True):
        services.round_start_next_phase(actor=staff(), budget_round=budget_round)
    budget_round.refresh_from_db()
    assert budget_round.phase.key == "results"
    assert selectors.latest_result(budget_round).status == ResultStatus.DONE
