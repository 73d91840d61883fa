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
from voorop.budgeting.services.common import require_user
from voorop.budgeting.types import Actor, signed_in
from voorop.core.services import audit_log
from voorop.engines.budgeting import ballots_digest, compute, read_pb, write_pb


def queue_result(budget_round: BudgetRound, *, actor: Actor | None) -> RoundResult:
    """Queue a computation; the task runs after the transaction commits."""
    from voorop.budgeting.tasks import compute_round_result

    result = RoundResult.objects.create(
        round=budget_round,
        status=ResultStatus.QUEUED,
        requested_by=signed_in(actor),
    )
    transaction.on_commit(lambda: compute_round_result.enqueue(result_id=result.pk))
    return result


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
    """Compute with the engine and store everything needed to recompute it."""
    with transaction.atomic():
        result = RoundResult.objects.select_for_update().select_related("round").get(pk=result_id)
        if result.status != ResultStatus.QUEUED:
            return result
        result.status = ResultStatus.RUNNING
        result.save(update_fields=["status"])
    budget_round = result.round
    try:
        election = selectors.election_of(budget_round)
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
    except Exception as error:  # stored and shown to staff
        result.status = ResultStatus.FAILED
        result.error = f"{type(error).__name__}: {error}"
        result.finished_at = timezone.now()
        result.save()
        audit_log(actor=None, action="budgeting.result_failed", target=budget_round)
        return result
    data = outcome.to_json_dict()
    result.status = ResultStatus.DONE
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
    result.finished_at = timezone.now()
    result.save()
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

    transaction.on_commit(lambda: announce_round_result.enqueue(result_id=result.pk))
    return result
