"""Stage: proposals and review. A resident's proposal, its cost and the review's outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from voorop.budgeting.models.rounds import BudgetRound
from voorop.core.base import Located
from voorop.core.money import WholeEuroField


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("waiting for review")
    APPROVED = "approved", _("approved: on the ballot")
    REJECTED = "rejected", _("not on the ballot")


class Proposal(Located):
    """A project a resident proposes; staff check it; approved ones go on the ballot."""

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    cost_estimate = WholeEuroField(_("cost estimate in euros"))
    cost = WholeEuroField(_("cost in euros"))
    cost_reason = models.TextField(_("why the cost was changed"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_proposals",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.SUBMITTED,
        db_index=True,
    )
    review_reason = models.TextField(_("explanation of the review"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative that carries it out"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_proposals",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The digest of the fields as they were sent in (services.proposal_submit): the same
    # proposal sent twice by one person (a double click, five tabs) is one proposal.
    submission_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "author", "submission_digest"],
                condition=~models.Q(submission_digest=""),
                name="budgeting_one_proposal_per_submission",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgeting:proposal", args=[self.pk])

    @property
    def cost_changed(self) -> bool:
        return self.cost != self.cost_estimate

    # --- anchor points (voorop.council.anchors): a proposal answers its round's dossier ---

    @property
    def dossier_id(self):
        return self.round.dossier_id

    @property
    def dossier(self):
        return self.round.dossier

    def anchor_points_may_respond(self, user) -> bool:
        return getattr(user, "is_authenticated", False) and user.pk == self.author_id
