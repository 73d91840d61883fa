"""The code voter's code with its round, in one written-out statement: what the ORM reads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.budgeting.factories import RoundFactory, voting_code
from tests.model_values import field_values
from voorop.budgeting import selectors
from voorop.budgeting.models import VotingCode

pytestmark = pytest.mark.django_db


def test_the_code_and_its_round_are_what_the_orm_reads_in_one_statement():
    budget_round = RoundFactory()
    row, _clear = voting_code(budget_round)
    with CaptureQueriesContext(connection) as statements:
        code = selectors.code_with_round(row.pk, budget_round.pk)
        assert code.round.pk == budget_round.pk  # no second read
    assert len(statements) == 1
    by_orm = VotingCode.objects.select_related("round").get(pk=row.pk)
    assert field_values(code) == field_values(by_orm)
    assert field_values(code.round) == field_values(by_orm.round)
    assert code.round.phase.key == by_orm.round.phase.key


def test_a_code_of_another_round_or_no_code_is_none_and_a_revoked_code_is_read_as_it_is():
    budget_round, other = RoundFactory(), RoundFactory()
    row, _clear = voting_code(budget_round)
    assert selectors.code_with_round(row.pk, other.pk) is None
    assert selectors.code_with_round(row.pk + 1000, budget_round.pk) is None
    VotingCode.objects.filter(pk=row.pk).update(revoked_at=timezone.now())
    assert selectors.code_with_round(row.pk, budget_round.pk).revoked_at is not None
