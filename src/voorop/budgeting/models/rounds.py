"""Stage: setting up a round. The round itself (its dates decide its phase, see
`phases.py`; its ballot and rule decide the outcome) and who runs the rounds of an area.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from itertools import pairwise

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.budgeting import phases
from voorop.core.base import area_field
from voorop.core.money import WholeEuroField
from voorop.core.phases import CurrentPhase


class RoundKind(models.TextChoices):
    DORPSBUDGET = "dorpsbudget", _("village budget")
    WIJKBUDGET = "wijkbudget", _("district budget")
    BURGERBEGROTING = "burgerbegroting", _("citizens’ budget")


class BallotType(models.TextChoices):
    APPROVAL = "approval", _("choose up to a number of proposals")
    KNAPSACK = "knapsack", _("choose proposals within the budget")
    CUMULATIVE = "cumulative", _("spread points over proposals")


class RuleChoice(models.TextChoices):
    GREEDY = "greedy", _("most votes first (greedy)")
    MES = "mes", _("Method of Equal Shares")


class Completion(models.TextChoices):
    NONE = "none", _("no completion")
    ADD1 = "add1", _("raise the budget per voter step by step (add1)")
    ADD1_GREEDY = "add1-greedy", _("add1, then fill what is left by votes (add1-greedy)")


class VotingMethod(models.TextChoices):
    ACCOUNT = "account", _("with an account whose address the municipality has checked")
    CODE = "code", _("with a voting code from a letter")
    BOTH = "both", _("with an account or a voting code")


TIE_BREAKING = "cost-votes"

# A round's dates, in the order they must follow each other.
ROUND_DATES = (
    "proposals_from",
    "review_from",
    "voting_from",
    "voting_until",
    "implementation_from",
)


def check_round_dates(dates: Mapping[str, datetime | None]) -> None:
    """The one check that a round's dates follow each other (the form runs it through
    `BudgetRound.clean`, the services call it directly; the database constraint is the last
    line). Voting lasts some time: it closes after it opens. The error is on the first date
    that comes too early, so the form shows it next to that field. Missing dates are left to
    the fields' own checks."""
    for earlier, later in pairwise(ROUND_DATES):
        first, then = dates.get(earlier), dates.get(later)
        if not isinstance(first, datetime) or not isinstance(then, datetime):
            continue
        if then < first or (later == "voting_until" and then == first):
            message = _(
                "The dates must follow each other: proposals, review, voting, "
                "implementation. This date comes too early."
            )
            raise ValidationError({later: ValidationError(message, code="dates_out_of_order")})


class BudgetRound(models.Model):
    """A budget that residents decide on: a dorpsbudget, wijkbudget or burgerbegroting."""

    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    description = models.TextField(_("description"))
    area = area_field(
        on_delete=models.PROTECT, help_text=_("Leave empty for the whole municipality.")
    )
    budget = WholeEuroField(_("budget in euros"))
    dossier = models.ForeignKey(
        "council.Dossier",
        verbose_name=_("council dossier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Proposals then answer the council’s anchor points of this dossier."),
    )

    proposals_from = models.DateTimeField(_("proposals from"))
    review_from = models.DateTimeField(_("review from"))
    voting_from = models.DateTimeField(_("voting from"))
    voting_until = models.DateTimeField(_("voting until"))
    implementation_from = models.DateTimeField(_("implementation from"))

    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), default=16, help_text=_("Voters must be at least this old.")
    )
    voting_method = models.CharField(
        _("how residents vote"),
        max_length=10,
        choices=VotingMethod.choices,
        default=VotingMethod.BOTH,
    )
    ballot_type = models.CharField(
        _("ballot"), max_length=20, choices=BallotType.choices, default=BallotType.KNAPSACK
    )
    max_choices = models.PositiveSmallIntegerField(
        _("maximum number of proposals"),
        null=True,
        blank=True,
        help_text=_("Only for “choose up to a number of proposals”."),
    )
    points = models.PositiveSmallIntegerField(
        _("points per voter"),
        null=True,
        blank=True,
        help_text=_("Only for “spread points over proposals”."),
    )
    rule = models.CharField(
        _("how the money is shared out"),
        max_length=10,
        choices=RuleChoice.choices,
        default=RuleChoice.MES,
    )
    completion = models.CharField(
        _("completion (Equal Shares)"),
        max_length=20,
        choices=Completion.choices,
        default=Completion.ADD1,
    )
    seed = models.CharField(
        _("seed of the lot"),
        max_length=32,
        help_text=_("Decides ties that cost and votes do not. Published before voting starts."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget round")
        verbose_name_plural = _("budget rounds")
        ordering = ["-voting_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposals_from__lte=models.F("review_from"))
                & Q(review_from__lte=models.F("voting_from"))
                & Q(voting_from__lt=models.F("voting_until"))
                & Q(voting_until__lte=models.F("implementation_from")),
                name="budgeting_round_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgeting:round", args=[self.pk])

    def clean(self) -> None:
        check_round_dates({name: getattr(self, name) for name in ROUND_DATES})

    phase = CurrentPhase(phases.BUDGET_ROUND)

    def phase_at(self, moment: datetime) -> phases.Phase:
        return phases.BUDGET_ROUND.phase_of(self, at=moment)

    @property
    def voting_closed(self) -> bool:
        """Voting has closed by the dates, whether or not the result was computed yet."""
        return self.voting_until <= timezone.now()

    def phase_allows(self, action: str) -> bool:
        return phases.BUDGET_ROUND.allows(self, action)

    def schedule(self) -> list[dict]:
        """Each phase with its start and end, for the timeline on the round page."""
        return [
            {"phase": row.phase, "starts": row.starts, "ends": row.ends, "current": row.current}
            for row in phases.BUDGET_ROUND.timeline(self)
        ]

    @property
    def accepts_accounts(self) -> bool:
        return self.voting_method in (VotingMethod.ACCOUNT, VotingMethod.BOTH)

    @property
    def accepts_codes(self) -> bool:
        return self.voting_method in (VotingMethod.CODE, VotingMethod.BOTH)

    @property
    def area_label(self) -> str:
        return self.area.name if self.area else str(_("whole municipality"))


class AreaBudgetHolder(models.Model):
    """A procesbegeleider (wijkmanager, kernbeheerder) who runs the budget rounds of an area
    and of the areas in it. A procesbegeleider who holds no area runs every round (a
    municipality that has not split the work up); once they hold one, only the rounds of
    their areas. Whole-municipality rounds need the municipality itself (the top area).
    Set by a beheerder in the back office. See docs/permissions/budgeting.md."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("process facilitator"),
        on_delete=models.CASCADE,
        related_name="budget_areas",
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("area budget holder")
        verbose_name_plural = _("area budget holders")
        constraints = [
            models.UniqueConstraint(fields=["user", "area"], name="budgeting_one_holder_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.area}"
