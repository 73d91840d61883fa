"""Services, who may vote: residents checked by the desk, and voting codes on letters."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.accounts.factories import UserFactory, user_with_role
from tests.budgeting.factories import (
    RoundFactory,
    voting_code,
)
from tests.budgeting.services.helpers import staff, voting_round
from voorop.budgeting import services
from voorop.budgeting.models import (
    VotingCode,
    hash_code,
)
from voorop.core.models import FailedAttempt

pytestmark = pytest.mark.django_db


def test_codes_are_stored_only_as_hmac_and_are_unambiguous():
    budget_round = RoundFactory()
    batch, letters = services.voting_codes_generate(
        actor=staff(),
        budget_round=budget_round,
        addresses=[{"street": f"Dorpsstraat {i}", "postcode": "1234 AB"} for i in range(20)],
    )
    assert batch.count == 20 and VotingCode.objects.filter(round=budget_round).count() == 20
    codes = {letter["code"] for letter in letters}
    assert len(codes) == 20
    for code in codes:
        assert len(code) == 14 and code.count("-") == 2
        assert not set(code.replace("-", "")) & set("01ILO")
        assert VotingCode.objects.filter(code_hash=hash_code(budget_round.pk, code)).exists()
        assert not VotingCode.objects.filter(code_hash__contains=code.replace("-", "")).exists()


def test_voting_code_hashes_keep_their_format(settings):
    # Codes on letters already sent must keep working: the stored form never changes.
    settings.SECRET_KEY = "test-only-insecure-key"
    assert hash_code(7, "abcd-efgh-jkmn") == (
        "3622b0f3788b21f4603d4c5b4176b0914df54ebda43500c4639074d71d33a468"
    )


def test_code_check_accepts_typos_in_case_and_dashes_and_limits_wrong_guesses():
    budget_round = RoundFactory()
    row, code = voting_code(budget_round)
    assert (
        services.voting_code_check(budget_round=budget_round, code=code.lower(), client="x") == row
    )
    spaced = " ".join(code[i : i + 4] for i in range(0, 12, 4))
    assert services.voting_code_check(budget_round=budget_round, code=spaced, client="x") == row
    for _ in range(services.WRONG_CODES.limit):
        with pytest.raises(ValidationError) as error:
            services.voting_code_check(budget_round=budget_round, code="WRONG", client="x")
        assert error.value.code == "wrong"
    with pytest.raises(ValidationError) as error:
        services.voting_code_check(budget_round=budget_round, code=code, client="x")
    assert error.value.code == "rate_limited"
    # Another client is not affected; an hour later the first one may try again.
    assert services.voting_code_check(budget_round=budget_round, code=code, client="y") == row
    FailedAttempt.objects.update(created_at=timezone.now() - timedelta(hours=2))
    assert services.voting_code_check(budget_round=budget_round, code=code, client="x") == row


def test_a_code_of_another_round_does_not_work():
    one, other = RoundFactory(), RoundFactory()
    _row, code = voting_code(one)
    with pytest.raises(ValidationError):
        services.voting_code_check(budget_round=other, code=code, client="z")


def test_resident_verify_and_unverify():
    budget_round = RoundFactory()
    user = UserFactory()
    services.resident_verify(
        actor=user_with_role("loketmedewerker"),
        user=user,
        area=budget_round.area,
        birth_year=1990,
    )
    assert user.has_perm("budgeting.vote", budget_round)
    services.resident_unverify(actor=user_with_role("beheerder"), user=user)
    assert not user.has_perm("budgeting.vote", budget_round)
    with pytest.raises(PermissionDenied):
        services.resident_verify(
            actor=UserFactory(), user=user, area=budget_round.area, birth_year=1990
        )


def test_a_replacement_letter_revokes_the_unused_earlier_code():

    budget_round, (a, _b, _c) = voting_round()
    address = {"street": "Kerkstraat 1", "postcode": "1234 AB"}
    _batch, [first] = services.voting_codes_generate(
        actor=staff(), budget_round=budget_round, addresses=[address]
    )
    # Lost letter: the same address again, written a little differently.
    batch, [second] = services.voting_codes_generate(
        actor=staff(),
        budget_round=budget_round,
        addresses=[{"street": "kerkstraat  1", "postcode": "1234AB"}],
    )
    assert batch.replaced_count == 1 and first["code"] != second["code"]
    with pytest.raises(ValidationError) as error:
        services.voting_code_check(budget_round=budget_round, code=first["code"], client="c")
    assert error.value.code == "revoked"
    row = services.voting_code_check(budget_round=budget_round, code=second["code"], client="c")
    services.ballot_cast(
        actor=AnonymousUser(), budget_round=budget_round, choices={a.pk: 1}, voting_code=row
    )

    # Once that code has voted, the address gets no further letter: one household, one vote.
    batch, letters = services.voting_codes_generate(
        actor=staff(), budget_round=budget_round, addresses=[address]
    )
    assert letters == [] and batch.skipped_voted_count == 1 and batch.count == 0
    assert (
        services.voting_code_check(budget_round=budget_round, code=second["code"], client="c")
        == row
    )


def test_the_same_address_twice_in_one_file_gets_one_code():
    batch, letters = services.voting_codes_generate(
        actor=staff(),
        budget_round=RoundFactory(),
        addresses=[{"street": "Dorpsstraat 3", "postcode": "1234 AB"}] * 2,
    )
    assert len(letters) == 1 and batch.count == 1
