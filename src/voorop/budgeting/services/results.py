"""Stage: results. Queueing the computation when voting closes (by staff, or by the
maintenance job once the closing date has passed), and running it with the engine, storing
everything needed to recompute it (the pabulib file included).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from voorop.budgeting import selectors
from voorop.budgeting.models import TIE_BREAKING, BudgetRound, ResultStatus, RoundResult
from voorop.budgeting.phases import Action
from voorop.budgeting.services.common import changes_round_pages, require_user
from voorop.budgeting.types import Actor, signed_in
from voorop.core import jobs
from voorop.core.jobs import JobError
from voorop.core.services import audit_log
from voorop.engines.budgeting import ballots_digest, compute, read_pb, write_pb


@changes_round_pages
def queue_result(budget_round: BudgetRound, *, actor: Actor | None) -> RoundResult:
    """Queue a computation; the job runs after the transaction commits."""
    result = RoundResult.objects.create(round=budget_round, requested_by=signed_in(actor))
    jobs.enqueue(result)
    return result


@changes_round_pages
@transaction.atomic
def result_compute(*, actor: Actor, budget_round: BudgetRound) -> RoundResult:
    """Queue a (re)computation of the outcome; the task runs `result_run`."""
    actor = require_user(actor, "budgeting.compute_result", budget_round)
    pending = budget_round.results.filter(
        status__in=[ResultStatus.QUEUED, ResultStatus.RUNNING]
    ).first()
    if pending:
        return pending
    result = queue_result(budget_round, actor=actor)
    audit_log(
        actor=actor,
        action="budgeting.result_requested",
        target=budget_round,
        data={"result": result.pk},
    )
    return result


def rounds_close_due() -> int:
    """Maintenance job (hourly under `voorop serve`): queue the result of every round whose
    voting has closed. Pages never write; they show a closed round as closed by its dates,
    and staff can compute at once (`result_compute`, or by starting the results phase)."""
    queued = 0
    # Rounds with a result are done for good; without this filter the hourly job would look
    # at every round that ever closed.
    due = BudgetRound.objects.filter(voting_until__lte=timezone.now(), results__isnull=True)
    for budget_round in due:
        queued += round_close_if_due(budget_round=budget_round) is not None
    return queued


def round_close_if_due(*, budget_round: BudgetRound) -> RoundResult | None:
    """When voting has closed by its date and nothing was computed yet, queue it (once,
    also when two jobs run at the same time). Returns the queued result, or None."""
    if not budget_round.phase.allows(Action.COMPUTE_RESULT):
        return None
    if budget_round.results.exists():
        return None
    with transaction.atomic():
        locked = BudgetRound.objects.select_for_update().get(pk=budget_round.pk)
        if locked.results.exists():
            return None
        result = queue_result(locked, actor=None)
        audit_log(
            actor=None,
            action="budgeting.result_requested",
            target=locked,
            data={"result": result.pk, "by": "close"},
        )
    return result


def result_run(*, result_id: int) -> RoundResult:
    """Run the computation now, as the worker does (voorop.core.jobs); for the demo and
    tests. Returns the result as it is afterwards."""
    jobs.run(RoundResult, result_id)
    return RoundResult.objects.get(pk=result_id)


@changes_round_pages
@transaction.atomic
def result_retry(*, actor: Actor, result: RoundResult) -> bool:
    """The "try again" button of a failed computation. False if it was not failed."""
    actor = require_user(actor, "budgeting.compute_result", result.round)
    again = jobs.retry(result)
    if again:
        audit_log(
            actor=actor,
            action="budgeting.result_retried",
            target=result.round,
            data={"result": result.pk},
        )
    return again


OUTCOME_FIELDS = [
    "rule",
    "completion",
    "tie_breaking",
    "ballot_count",
    "selected",
    "selection_order",
    "engine",
    "engine_version",
    "seed",
    "input_digest",
    "output_digest",
    "computed_at",
    "votes",
    "unfunded",
    "total_cost",
    "pb_text",
]


@changes_round_pages
def result_make(*, result: RoundResult) -> None:
    """The work of the job (``RoundResult.work``, run by voorop.core.jobs, which sets the
    status): compute with the engine and store everything needed to recompute it.

    Idempotent: the engine is deterministic (seeded); the outcome is saved, audited and
    announced only by the run that still holds the job, once (a run that finds it saved
    does nothing). An error of the engine is shown and not retried (it would give the same
    error); anything else (the database went away) is retried by the job runner."""
    attempt = result.attempts
    result = RoundResult.objects.select_related("round").get(pk=result.pk)
    if result.is_computed:
        return  # a run that died after saving the outcome
    budget_round = result.round
    election = selectors.election_of(budget_round)
    try:
        pb_text = write_pb(election)
        completion = budget_round.completion if budget_round.rule == "mes" else "none"
        outcome = compute(
            election,
            budget_round.rule,
            completion=completion,
            tie_breaking=TIE_BREAKING,
            seed=budget_round.seed,
        )
        # The stored file must give the same digest when read back: the public check.
        if ballots_digest(read_pb(pb_text)) != outcome.ballots_digest:
            raise RuntimeError("the .pb file does not reproduce the ballots digest")
    except Exception as error:  # shown to staff
        audit_log(actor=None, action="budgeting.result_failed", target=budget_round)
        raise JobError(f"{type(error).__name__}: {error}") from error
    data = outcome.to_json_dict()
    with transaction.atomic():
        result = RoundResult.objects.select_for_update().select_related("round").get(pk=result.pk)
        if result.status != ResultStatus.RUNNING or result.attempts != attempt:
            return  # this run lost its claim (reaped); the newer run saves the outcome
        result.rule = outcome.rule
        result.completion = outcome.completion
        result.tie_breaking = outcome.tie_breaking
        result.ballot_count = len(election.ballots)
        result.selected = list(outcome.selected)
        result.selection_order = list(outcome.selection_order)
        result.record_run(
            engine=f"budgeting:{outcome.rule}",
            version=outcome.engine_version,
            seed=outcome.seed,
            input_digest=outcome.ballots_digest,
            output=result.output(),
        )
        result.votes = data["votes"]
        result.unfunded = data["unfunded"]
        result.total_cost = int(outcome.total_cost)
        result.pb_text = pb_text
        # Only the outcome: status, attempts and lease belong to the job runner.
        result.save(update_fields=OUTCOME_FIELDS)
        audit_log(
            actor=None,
            action="budgeting.result_computed",
            target=budget_round,
            data={
                "result": result.pk,
                "rule": result.rule,
                **result.reproducibility,
                "ballots_digest": result.ballots_digest,
            },
        )
        from voorop.budgeting.tasks import announce_round_result

        result_id = result.pk
        transaction.on_commit(lambda: announce_round_result.enqueue(result_id=result_id))
