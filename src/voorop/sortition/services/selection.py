"""The selection computation: the seed fixed in advance, the computation queued, run as a
background task (with progress and a way to stop it) and cancelled.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voorop.core import jobs
from voorop.core.jobs import JobError
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.engines import sortition as engine
from voorop.sortition import selectors, texts
from voorop.sortition.models import Assembly, Selection, SelectionStatus

if TYPE_CHECKING:
    from voorop.accounts.models import User


@transaction.atomic
def seed_fix(*, actor: User, assembly: Assembly, seed: str, source: str) -> Assembly:
    """Fix the seed of the panel draw before any selection is computed, and record when."""
    require(actor, "sortition.fix_seed", assembly)
    seed = " ".join((seed or "").split())
    if len(seed) < 4:
        raise ValidationError(_("The seed must have at least 4 characters."))
    assembly.seed = seed
    assembly.seed_source = " ".join((source or "").split())
    assembly.seed_fixed_at = timezone.now()
    assembly.save(update_fields=["seed", "seed_source", "seed_fixed_at"])
    audit_log(
        actor=actor,
        action="sortition.seed_fixed",
        target=assembly,
        data={"seed": seed, "source": assembly.seed_source},
    )
    return assembly


CLOSE_FIRST = gettext_lazy(
    "Registration is still open. Close registration first: the chances are computed on "
    "everyone who registered, and nobody can register after that."
)


@transaction.atomic
def selection_start(*, actor: User, assembly: Assembly, algorithm: str = "leximin") -> Selection:
    """Queue the computation of the distribution (a background task runs `selection_run`).
    Registration must be closed first (`registration_close`): the chances are computed on
    everyone who registered, and nobody can register after that."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    if actor is not None and actor.has_perm("sortition.close_registration", assembly):
        raise ValidationError(CLOSE_FIRST, code="registration_open")
    require(actor, "sortition.compute_selection", assembly)
    if algorithm not in engine.Algorithm._value2member_map_:
        raise ValidationError(_("Choose one of the methods."))
    active = assembly.selections.filter(
        status__in=[SelectionStatus.QUEUED, SelectionStatus.RUNNING]
    ).first()
    if active:
        return active
    if not selectors.quotas_complete(assembly):
        raise ValidationError(_("Set a minimum and maximum for every value first."))
    if assembly.respondents.count() < assembly.panel_size:
        raise ValidationError(_("There are fewer respondents than seats in the group."))
    report = selectors.feasibility(assembly)
    if report is not None and not report.feasible:
        raise ValidationError(
            [_("No group can meet these quotas:")]
            + [texts.conflict_text(c) for c in report.conflicts]
        )
    selection = Selection.objects.create(
        assembly=assembly,
        algorithm=algorithm,
        requested_by=actor,
    )
    audit_log(
        actor=actor,
        action="sortition.selection_started",
        target=assembly,
        data={"selection": selection.pk, "algorithm": algorithm},
    )
    jobs.enqueue(selection)
    return selection


@transaction.atomic
def selection_cancel(*, actor: User, selection: Selection) -> Selection:
    """Stop the computation: a queued one at once, a running one at the engine's next check.
    A run whose worker died (its lease ran out) is stopped at once too: nobody else would."""
    require(actor, "sortition.manage_assembly", selection.assembly)
    if selection.is_active:
        selection.cancel_requested = True
        selection.save(update_fields=["cancel_requested"])
        now = timezone.now()
        dead = Q(status=SelectionStatus.RUNNING, lease_expires_at__lt=now)
        stopped = Selection.objects.filter(
            Q(status=SelectionStatus.QUEUED) | dead, pk=selection.pk
        ).update(status=SelectionStatus.CANCELLED, finished_at=now, lease_expires_at=None)
        if stopped:
            selection.refresh_from_db()
        audit_log(
            actor=actor,
            action="sortition.selection_cancelled",
            target=selection.assembly,
            data={"selection": selection.pk},
        )
    return selection


def selection_run(*, selection_id: int) -> Selection:
    """Run the computation now, as the worker does (voorop.core.jobs); for the demo and
    tests. Returns the selection as it is afterwards."""
    jobs.run(Selection, selection_id)
    return Selection.objects.get(pk=selection_id)


@transaction.atomic
def selection_retry(*, actor: User, selection: Selection) -> bool:
    """The "try again" button of a failed computation (only the latest one of the
    assembly). False if it was not failed."""
    require(actor, "sortition.compute_selection", selection.assembly)
    if selectors.latest_selection(selection.assembly) != selection:
        raise ValidationError(_("Only the latest computation can be tried again."))
    again = jobs.retry(selection)
    if again:
        Selection.objects.filter(pk=selection.pk).update(
            cancel_requested=False, progress=0.0, progress_message=""
        )
        audit_log(
            actor=actor,
            action="sortition.selection_retried",
            target=selection.assembly,
            data={"selection": selection.pk},
        )
    return again


def selection_compute(*, selection: Selection) -> None:
    """The work of the job (``Selection.work``, run by voorop.core.jobs, which sets the
    status): run the engine, storing progress as it goes. Not atomic on purpose: progress
    must be visible to the organiser while it runs.

    Idempotent: the engine is deterministic (seeded) and the outcome is saved only by the
    run that still holds the job, once: a run that finds it saved does nothing. A solver's
    own failure is explained and not retried; anything else is retried by the job runner."""
    attempt = selection.attempts
    selection = Selection.objects.select_related("assembly").get(pk=selection.pk)
    mine = Selection.objects.filter(
        pk=selection.pk, status=SelectionStatus.RUNNING, attempts=attempt
    )
    if selection.is_computed:
        return  # a run that died after saving the outcome
    assembly = selection.assembly
    if selection.cancel_requested:
        mine.update(status=SelectionStatus.CANCELLED, finished_at=timezone.now())
        return
    pool = selectors.engine_pool(assembly)
    quotas = selectors.engine_quotas(assembly)
    last_check = [0.0]

    def progress(fraction: float, message: str) -> None:
        mine.update(progress=fraction, progress_message=message[:200])

    def cancel() -> bool:
        now = time.monotonic()
        if now - last_check[0] < 0.5:
            return False
        last_check[0] = now
        return Selection.objects.filter(pk=selection.pk, cancel_requested=True).exists()

    try:
        distribution = engine.find_distribution(
            pool,
            quotas,
            assembly.panel_size,
            algorithm=selection.algorithm,
            households=assembly.one_per_household,
            progress=progress,
            cancel=cancel,
            # The legacy draws use the public seed too, as `voorop sortition select` does.
            legacy_seed=assembly.seed,
        )
    except engine.SelectionCancelled:
        if mine.update(status=SelectionStatus.CANCELLED, finished_at=timezone.now()):
            audit_log(actor=None, action="sortition.selection_stopped", target=assembly)
        return
    except engine.InfeasibleQuotasError as error:
        audit_log(actor=None, action="sortition.selection_failed", target=assembly)
        raise JobError("\n".join(texts.conflict_text(c) for c in error.conflicts)) from error
    except engine.SolverError as error:
        audit_log(actor=None, action="sortition.selection_failed", target=assembly)
        raise JobError(f"{type(error).__name__}: {error}") from error
    with transaction.atomic():
        selection = Selection.objects.select_for_update().get(pk=selection.pk)
        if selection.status != SelectionStatus.RUNNING or selection.attempts != attempt:
            return  # this run lost its claim (reaped); the newer run saves the outcome
        selection.progress = 1.0
        selection.panels = [list(p) for p in distribution.panels]
        selection.panel_probabilities = list(distribution.panel_probabilities)
        selection.probabilities = dict(distribution.probabilities)
        selection.min_probability = distribution.min_probability
        selection.record_run(
            engine=f"sortition:{selection.algorithm}",
            version=distribution.engine_version,
            seed=assembly.seed,
            input_digest=engine.pool_digest(pool, quotas, panel_size=assembly.panel_size),
            output=selection.output(),
        )
        selection.pool_size = len(pool)
        selection.quotas_used = [[q.feature, q.value, q.min, q.max] for q in quotas]
        selection.stats = dict(distribution.stats)
        # Only the outcome: status, attempts and lease belong to the job runner.
        selection.save(update_fields=OUTCOME_FIELDS)
        audit_log(
            actor=None,
            action="sortition.selection_computed",
            target=assembly,
            data={
                "selection": selection.pk,
                "algorithm": selection.algorithm,
                "pool_digest": selection.pool_digest,
                **selection.reproducibility,
            },
        )


OUTCOME_FIELDS = [
    "progress",
    "panels",
    "panel_probabilities",
    "probabilities",
    "min_probability",
    "engine",
    "engine_version",
    "seed",
    "input_digest",
    "output_digest",
    "computed_at",
    "pool_size",
    "quotas_used",
    "stats",
]
