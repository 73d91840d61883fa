"""Stage: results. Each computation of the outcome, and the e-mails residents asked for."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from voorop.budgeting.models.rounds import BudgetRound
from voorop.core.base import EngineRun, field_alias
from voorop.core.jobs import JobStatus, TrackedJob

# The name used before issue 12.8: the statuses of a tracked job (same values).
ResultStatus = JobStatus


class RoundResult(EngineRun, TrackedJob):
    """One computation of the outcome with everything needed to recompute it (the engine
    run: engine, version, seed, digest of the ballots, digest of the outcome).

    A tracked job (voorop.core.jobs): a computation whose worker died is run again by the
    reaper, or failed with a message and a "try again" button."""

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="results")
    rule = models.CharField(max_length=40, blank=True)
    completion = models.CharField(max_length=20, blank=True)
    tie_breaking = models.CharField(max_length=20, blank=True)
    # The digest of the ballots is the run's input digest; pages and files call it so.
    ballots_digest = field_alias("input_digest")
    ballot_count = models.PositiveIntegerField(default=0)
    selected = models.JSONField(default=list)
    selection_order = models.JSONField(default=list)
    votes = models.JSONField(default=dict)
    unfunded = models.JSONField(default=list)
    total_cost = models.PositiveIntegerField(default=0)
    pb_text = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When proposers and residents who asked for it were e-mailed the result (once a round).
    announced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.round} – {self.rule} ({self.status})"

    def output(self) -> dict:
        """What the outcome digest covers: the funded proposals and the order of funding."""
        return {"selected": self.selected, "selection_order": self.selection_order}

    def work(self) -> None:
        from voorop.budgeting.services.results import result_make

        result_make(result=self)

    @property
    def is_done(self) -> bool:
        return self.status == ResultStatus.DONE

    @property
    def is_pending(self) -> bool:
        return self.status in (ResultStatus.QUEUED, ResultStatus.RUNNING)


class ResultNotice(models.Model):
    """A resident asked for an e-mail when the result of a round is published (opt-in, on
    the receipt page). Kept apart from the ballot: a random id and no time, so that the
    address cannot be linked to a code voter's ballot. Deleted once the e-mail has gone
    (budgeting.mail), or a week after the result was announced if it could not be sent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="result_notices")
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(max_length=10, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "email"], name="budgeting_one_result_notice_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"result notice for {self.round}"
