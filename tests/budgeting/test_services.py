"""Services: rounds, proposals and review, voting codes, ballots, results."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.accounts.factories import UserFactory, user_with_role
from tests.areas.factories import AreaFactory
from tests.budgeting.factories import (
    ProposalFactory,
    RoundFactory,
    code_ballot,
    dates_for,
    eligible_voter,
    voting_code,
)
from voorop.budgeting import selectors, services
from voorop.budgeting.models import (
    Ballot,
    BallotChannel,
    ProposalStatus,
    ResultNotice,
    ResultStatus,
    VotingCode,
    hash_code,
)
from voorop.core.models import AuditEntry, FailedAttempt
from voorop.engines.budgeting import ballots_digest, compute, read_pb, write_pb

pytestmark = pytest.mark.django_db


def staff():
    return user_with_role("procesbegeleider")


# --- rounds ------------------------------------------------------------------------------


def _round_fields(**overrides):
    now = timezone.now()
    fields = {
        "title": "Dorpsbudget Heikant",
        "kind": "dorpsbudget",
        "description": "Geld voor het dorp.",
        "area": AreaFactory(),
        "budget": 20_000,
        "proposals_from": now,
        "review_from": now + timedelta(days=10),
        "voting_from": now + timedelta(days=20),
        "voting_until": now + timedelta(days=30),
        "implementation_from": now + timedelta(days=60),
        "min_age": 16,
        "voting_method": "both",
        "ballot_type": "approval",
        "max_choices": 3,
        "rule": "mes",
        "completion": "add1",
    }
    fields.update(overrides)
    return fields


def test_round_create_publishes_a_seed_and_audits():
    budget_round = services.round_create(actor=staff(), **_round_fields())
    assert len(budget_round.seed) == 8
    assert AuditEntry.objects.filter(action="budgeting.round_created").exists()


def test_a_seed_drawn_in_public_can_be_given():
    budget_round = services.round_create(actor=staff(), seed="raad-12-mei", **_round_fields())
    assert budget_round.seed == "raad-12-mei"


def test_round_create_is_for_staff_only():
    with pytest.raises(PermissionDenied):
        services.round_create(actor=UserFactory(), **_round_fields())


def test_round_create_checks_dates_and_ballot_settings():
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.round_create(actor=staff(), **_round_fields(voting_until=now))
    with pytest.raises(ValidationError):
        services.round_create(actor=staff(), **_round_fields(max_choices=None))


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
    budget_round = services.round_create(actor=staff(), **_round_fields(rule="greedy"))
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


# --- proposals ---------------------------------------------------------------------------


def test_submit_change_and_approve_with_a_new_cost(mails):
    budget_round = RoundFactory(phase="proposals")
    author = UserFactory()
    proposal = services.proposal_submit(
        actor=author,
        budget_round=budget_round,
        title="Bankjes",
        description="Bij de vijver.",
        cost_estimate=4_000,
    )
    assert proposal.cost == 4_000 and proposal.status == ProposalStatus.SUBMITTED
    assert "Bankjes" in mails[-1].subject
    services.proposal_update(actor=author, proposal=proposal, cost_estimate=4_500)
    assert proposal.cost == 4_500
    with pytest.raises(ValidationError):
        services.proposal_review(actor=staff(), proposal=proposal, approve=True, cost=5_000)
    services.proposal_review(
        actor=staff(), proposal=proposal, approve=True, cost=5_000, cost_reason="Met fundering."
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    assert (proposal.cost, proposal.cost_estimate) == (5_000, 4_500)
    assert proposal.cost_reason == "Met fundering."
    assert mails[-1].to == [author.email]
    assert "Met fundering." in mails[-1].body


def test_a_rejection_always_has_a_reason_the_proposer_gets(mails):
    budget_round = RoundFactory(phase="review")
    proposal = ProposalFactory(round=budget_round)
    with pytest.raises(ValidationError):
        services.proposal_review(actor=staff(), proposal=proposal, approve=False, reason=" ")
    services.proposal_review(
        actor=staff(), proposal=proposal, approve=False, reason="Dit is al gepland."
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert "niet op het stembiljet" in mails[-1].subject
    assert "Dit is al gepland." in mails[-1].body


def test_no_proposals_outside_the_proposals_phase():
    with pytest.raises(PermissionDenied):
        services.proposal_submit(
            actor=UserFactory(),
            budget_round=RoundFactory(phase="voting"),
            title="Te laat",
            description="-",
            cost_estimate=100,
        )


# --- voting codes ------------------------------------------------------------------------


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


# --- ballots -----------------------------------------------------------------------------


def _voting_round(**kwargs):
    budget_round = RoundFactory(**kwargs)
    proposals = [
        ProposalFactory(round=budget_round, approved=True, cost_estimate=cost)
        for cost in (6_000, 3_000, 2_000)
    ]
    return budget_round, proposals


def test_first_vote_and_change_make_one_ballot_and_a_receipt(mails):
    budget_round, (a, b, c) = _voting_round()
    voter = eligible_voter(budget_round)
    ballot, changed = services.ballot_cast(
        actor=voter, budget_round=budget_round, choices={a.pk: 1, b.pk: 1}
    )
    assert not changed and ballot.channel == BallotChannel.ACCOUNT
    assert "telt mee" in mails[-1].subject
    assert a.title in mails[-1].body and b.title in mails[-1].body
    ballot, changed = services.ballot_cast(
        actor=voter, budget_round=budget_round, choices={c.pk: 1}
    )
    assert changed and ballot.times_changed == 1
    assert Ballot.objects.filter(round=budget_round).count() == 1
    assert ballot.choices == {str(c.pk): 1}
    assert "eerdere stem" in mails[-1].body


def test_the_audit_log_never_holds_what_was_chosen():
    budget_round, (a, _b, _c) = _voting_round()
    voter = eligible_voter(budget_round)
    services.ballot_cast(actor=voter, budget_round=budget_round, choices={a.pk: 1})
    entry = AuditEntry.objects.get(action="budgeting.ballot_cast")
    assert entry.target_type == "budgeting.budgetround"
    assert str(a.pk) not in str(entry.data) and entry.data == {"channel": "account"}


def test_knapsack_ballot_over_budget_is_refused():
    budget_round, (a, b, c) = _voting_round(budget=10_000)
    voter = eligible_voter(budget_round)
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(
            actor=voter, budget_round=budget_round, choices={a.pk: 1, b.pk: 1, c.pk: 1}
        )
    assert "1.000" in " ".join(error.value.messages)
    assert not Ballot.objects.exists()


def test_approval_ballot_allows_at_most_n():
    budget_round, (a, b, c) = _voting_round(approval=True)
    voter = eligible_voter(budget_round)
    with pytest.raises(ValidationError):
        services.ballot_cast(
            actor=voter, budget_round=budget_round, choices={a.pk: 1, b.pk: 1, c.pk: 1}
        )
    services.ballot_cast(actor=voter, budget_round=budget_round, choices={a.pk: 1, b.pk: 1})


def test_cumulative_ballot_spreads_at_most_p_points():
    budget_round, (a, b, _c) = _voting_round(cumulative=True)
    voter = eligible_voter(budget_round)
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=voter, budget_round=budget_round, choices={a.pk: 8, b.pk: 3})
    ballot, _ = services.ballot_cast(
        actor=voter, budget_round=budget_round, choices={a.pk: 7, b.pk: 3}
    )
    assert ballot.choices == {str(a.pk): 7, str(b.pk): 3}


def test_unapproved_proposals_and_empty_ballots_are_refused():
    budget_round, (_a, _b, _c) = _voting_round()
    waiting = ProposalFactory(round=budget_round)
    voter = eligible_voter(budget_round)
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=voter, budget_round=budget_round, choices={waiting.pk: 1})
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=voter, budget_round=budget_round, choices={})


def test_ineligible_accounts_cannot_vote():
    budget_round, (a, _b, _c) = _voting_round()
    with pytest.raises(PermissionDenied):
        services.ballot_cast(actor=UserFactory(), budget_round=budget_round, choices={a.pk: 1})


def test_vote_with_a_code_and_change_it():
    from django.contrib.auth.models import AnonymousUser

    budget_round, (a, b, _c) = _voting_round()
    row, _code = voting_code(budget_round)
    ballot, _ = services.ballot_cast(
        actor=AnonymousUser(), budget_round=budget_round, choices={a.pk: 1}, voting_code=row
    )
    assert ballot.channel == BallotChannel.CODE and ballot.voter is None
    services.ballot_cast(
        actor=AnonymousUser(), budget_round=budget_round, choices={b.pk: 1}, voting_code=row
    )
    assert Ballot.objects.get().choices == {str(b.pk): 1}


def test_paper_ballot_against_a_code_once():
    budget_round, (a, _b, _c) = _voting_round()
    row, _code = voting_code(budget_round)
    services.ballot_cast(
        actor=staff(), budget_round=budget_round, choices={a.pk: 1}, voting_code=row, paper=True
    )
    assert Ballot.objects.get().channel == BallotChannel.PAPER
    with pytest.raises(ValidationError):
        services.ballot_cast(
            actor=staff(),
            budget_round=budget_round,
            choices={a.pk: 1},
            voting_code=row,
            paper=True,
        )
    with pytest.raises(PermissionDenied):
        services.ballot_cast(
            actor=UserFactory(),
            budget_round=budget_round,
            choices={a.pk: 1},
            voting_code=row,
            paper=True,
        )


def test_no_voting_after_the_close():
    budget_round, (a, _b, _c) = _voting_round(phase="results")
    voter = eligible_voter(budget_round)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(actor=voter, budget_round=budget_round, choices={a.pk: 1})


# --- results -----------------------------------------------------------------------------


def _closed_round(**kwargs):
    budget_round = RoundFactory(phase="results", budget=10_000, **kwargs)
    a, b, c, d = (
        ProposalFactory(round=budget_round, approved=True, cost_estimate=cost)
        for cost in (6_000, 4_000, 3_000, 2_000)
    )
    for _ in range(6):
        code_ballot(budget_round, {a.pk: 1, b.pk: 1})
    for _ in range(4):
        code_ballot(budget_round, {c.pk: 1, d.pk: 1})
    return budget_round, (a, b, c, d)


def test_result_compute_runs_the_engine_and_stores_what_recomputes_it(
    django_capture_on_commit_callbacks,
):
    budget_round, (_a, b, c, d) = _closed_round()
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
    budget_round, (a, b, c, d) = _closed_round(greedy=True)
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
    budget_round, _ = _closed_round()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.round_close_if_due(budget_round=budget_round)
    assert first is not None
    assert services.round_close_if_due(budget_round=budget_round) is None
    assert budget_round.results.count() == 1


def test_result_compute_only_after_voting():
    budget_round, _ = _voting_round()
    with pytest.raises(PermissionDenied):
        services.result_compute(actor=staff(), budget_round=budget_round)


def test_a_failed_computation_is_recorded(monkeypatch, django_capture_on_commit_callbacks):
    budget_round, _ = _closed_round()

    def boom(*args, **kwargs):
        raise RuntimeError("engine down")

    monkeypatch.setattr(services.results, "compute", boom)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.result_compute(actor=staff(), budget_round=budget_round)
    result.refresh_from_db()
    assert result.status == ResultStatus.FAILED and "engine down" in result.error


def test_election_ballots_are_anonymous_and_in_a_fixed_order():
    budget_round, (_a, _b, _c, d) = _closed_round()
    voter = eligible_voter(budget_round)
    Ballot.objects.create(
        round=budget_round, voter=voter, channel="account", choices={str(d.pk): 1}
    )
    election = selectors.election_of(budget_round)
    assert [b.voter_id for b in election.ballots] == [str(i) for i in range(1, 12)]
    assert voter.email not in write_pb(election)


# --- eligibility and personal data --------------------------------------------------------


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


def test_export_and_delete_account_keep_the_ballot_but_unlink_it():
    from voorop.accounts.services import user_delete_account, user_export_data

    budget_round, (a, _b, _c) = _voting_round()
    voter = eligible_voter(budget_round)
    ProposalFactory(round=budget_round, author=voter, title="Mijn idee")
    services.ballot_cast(actor=voter, budget_round=budget_round, choices={a.pk: 1})
    data = user_export_data(user=voter)["budget_rounds"]
    assert data["proposals"][0]["title"] == "Mijn idee"
    assert data["ballots"][0]["choices"] == {a.title: 1}
    assert data["residence_check"]["birth_year"] == 1980
    user_delete_account(user=voter, actor=voter)
    ballot = Ballot.objects.get()
    assert ballot.voter is None and ballot.choices == {str(a.pk): 1}
    assert not voter.__class__.objects.get(pk=voter.pk).budget_ballots.exists()


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


def test_a_replacement_letter_revokes_the_unused_earlier_code():
    from django.contrib.auth.models import AnonymousUser

    budget_round, (a, _b, _c) = _voting_round()
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


def test_daily_job_computes_results_of_closed_rounds_nobody_visited():
    closed = RoundFactory(**dates_for("results"))
    RoundFactory(**dates_for("voting"))
    assert services.rounds_close_due() == 1
    assert closed.results.exists()
    assert services.rounds_close_due() == 0  # once


# --- telling people the result -------------------------------------------------------------


def test_the_first_result_is_mailed_to_proposers_and_to_who_asked_for_it(
    mails, django_capture_on_commit_callbacks
):
    budget_round, (a, b, c, d) = _closed_round()
    english = UserFactory(language="en")
    a.author = english
    a.save()
    code_voter = Ballot.objects.filter(round=budget_round).first()
    # Asked while voting was open; the phase moved on since.
    ResultNotice.objects.create(round=budget_round, email="buur@example.org", language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.result_compute(actor=staff(), budget_round=budget_round)
    result.refresh_from_db()
    assert result.announced_at is not None
    by_recipient = {mail.to[0]: mail for mail in mails}
    assert set(by_recipient) == {
        "buur@example.org",
        english.email,
        b.author.email,
        c.author.email,
        d.author.email,
    }
    unfunded = by_recipient[english.email]
    assert "does not get money" in unfunded.body and "equal part of the budget" in unfunded.body
    funded = by_recipient[b.author.email]
    assert "krijgt het geld" in funded.subject and f"/begroting/{budget_round.pk}/uitslag/" in (
        funded.body
    )
    notice = by_recipient["buur@example.org"].body
    assert b.title in notice and a.title not in notice
    assert "e-mailadres nu verwijderd" in notice
    assert not ResultNotice.objects.exists() and code_voter is not None
    entry = AuditEntry.objects.get(action="budgeting.result_announced")
    assert entry.data["emails"] == 5 and "buur@example.org" not in str(entry.data)
    # A recomputation announces nothing again.
    mails.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.result_compute(actor=staff(), budget_round=budget_round)
    assert budget_round.results.count() == 2 and mails == []


def test_a_failed_result_is_not_announced(mails, monkeypatch, django_capture_on_commit_callbacks):
    budget_round, _ = _closed_round()
    ResultNotice.objects.create(round=budget_round, email="buur@example.org")
    monkeypatch.setattr(services.results, "compute", lambda *args, **kwargs: 1 / 0)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.result_compute(actor=staff(), budget_round=budget_round)
    assert services.result_announce(result_id=result.pk) == 0
    assert mails == [] and ResultNotice.objects.count() == 1


def test_asking_for_the_result_by_email_is_kept_apart_from_the_ballot():
    budget_round, (a, _b, _c) = _voting_round()
    ballot = code_ballot(budget_round, {a.pk: 1})
    notice = services.result_notice_request(
        actor=AnonymousUser(), ballot=ballot, email=" Buur@Example.org ", language="en"
    )
    assert notice.email == "buur@example.org" and notice.language == "en"
    assert notice.user is None
    assert not {f.name for f in ResultNotice._meta.fields} & {"ballot", "created_at"}
    # Asking twice keeps one request.
    services.result_notice_request(actor=AnonymousUser(), ballot=ballot, email="buur@example.org")
    assert ResultNotice.objects.count() == 1
    entries = AuditEntry.objects.filter(action="budgeting.result_notice_requested")
    assert [(entry.actor, entry.data) for entry in entries] == [(None, {}), (None, {})]
    services.result_notice_cancel(actor=AnonymousUser(), notice=notice)
    assert not ResultNotice.objects.exists()


def test_once_voting_closed_nobody_can_ask_for_the_result_email():
    budget_round, _proposals = _closed_round()
    ballot = Ballot.objects.filter(round=budget_round).first()
    with pytest.raises(ValidationError):
        services.result_notice_request(actor=AnonymousUser(), ballot=ballot, email="a@b.nl")


def test_result_emails_asked_for_are_in_the_data_download_and_go_with_the_account():
    from voorop.accounts.services import user_delete_account, user_export_data

    budget_round, (a, _b, _c) = _voting_round()
    voter = eligible_voter(budget_round)
    ballot, _changed = services.ballot_cast(
        actor=voter, budget_round=budget_round, choices={a.pk: 1}
    )
    services.result_notice_request(actor=voter, ballot=ballot, email=voter.email)
    data = user_export_data(user=voter)["budget_rounds"]
    assert data["result_emails_asked_for"] == [{"round": budget_round.title, "email": voter.email}]
    user_delete_account(user=voter, actor=voter)
    assert not ResultNotice.objects.exists()
