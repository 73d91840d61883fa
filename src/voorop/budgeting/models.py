"""Budget rounds: proposals, ballots, voting codes and results.

A round's phase follows from its dates (see `phases.py`). Writes go through `services.py`;
nothing here has side effects.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.budgeting import phases
from voorop.core import codes


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


class BudgetRound(models.Model):
    """A budget that residents decide on: a dorpsbudget, wijkbudget or burgerbegroting."""

    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    description = models.TextField(_("description"))
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for the whole municipality."),
    )
    budget = models.PositiveIntegerField(_("budget in euros"))
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

    def phase_at(self, moment) -> phases.Phase:
        current = phases.UPCOMING
        for phase in phases.DATED_PHASES:
            if getattr(self, phase.starts_field) <= moment:
                current = phase
        return current

    @property
    def phase(self) -> phases.Phase:
        return self.phase_at(timezone.now())

    def phase_allows(self, action: str) -> bool:
        return action in self.phase.actions

    def schedule(self) -> list[dict]:
        """Each phase with its start and end, for the timeline on the round page."""
        current = self.phase
        rows = []
        dated = list(phases.DATED_PHASES)
        for index, phase in enumerate(dated):
            ends = getattr(self, dated[index + 1].starts_field) if index + 1 < len(dated) else None
            rows.append(
                {
                    "phase": phase,
                    "starts": getattr(self, phase.starts_field),
                    "ends": ends,
                    "current": phase.key == current.key,
                }
            )
        return rows

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


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("waiting for review")
    APPROVED = "approved", _("approved: on the ballot")
    REJECTED = "rejected", _("not on the ballot")


class Proposal(models.Model):
    """A project a resident proposes; staff check it; approved ones go on the ballot."""

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    cost_estimate = models.PositiveIntegerField(_("cost estimate in euros"))
    cost = models.PositiveIntegerField(_("cost in euros"))
    cost_reason = models.TextField(_("why the cost was changed"), blank=True)
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    theme = models.ForeignKey(
        "areas.Theme",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["round", "id"]

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


class ResidentVerification(models.Model):
    """The municipality checked where a resident lives and their year of birth.

    Made by staff (at the counter, from the address register) or by importing a resident
    list. Only a verified account can vote with an account; see docs/decisions/0006.
    """

    class Method(models.TextChoices):
        STAFF = "staff", _("checked by staff")
        LIST = "list", _("from a resident list")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="budget_verification"
    )
    area = models.ForeignKey("areas.Area", verbose_name=_("lives in"), on_delete=models.PROTECT)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.STAFF)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("resident verification")
        verbose_name_plural = _("resident verifications")

    def __str__(self) -> str:
        return f"{self.user} – {self.area}"


CODE_LENGTH = 12  # of voorop.core.codes.ALPHABET: about 59 bits
CODE_PURPOSE = "voorop-voting-code"  # part of every stored hash: never change it
ADDRESS_PURPOSE = "voorop-voting-address"


def hash_code(round_id: int, code: str) -> str:
    """HMAC-SHA256 with the SECRET_KEY: a leaked database does not reveal the codes."""
    return codes.code_hash(CODE_PURPOSE, round_id, code)


def hash_address(round_id: int, address: dict[str, str]) -> str:
    """A keyed hash of the address (postcode and street, normalised): it lets a new letter
    replace a lost one without keeping the address itself."""
    key = (
        codes.normalise(address.get("postcode", ""))
        + "|"
        + codes.normalise(address.get("street", ""))
    )
    return codes.keyed_hash(ADDRESS_PURPOSE, round_id, key)


def letters_path(instance: VotingCodeBatch, filename: str) -> str:
    return f"budgeting/letters/{secrets.token_hex(16)}.pdf"


class VotingCodeBatch(models.Model):
    """One upload of an address list. A background task makes the codes (stored hashed) and
    the PDF of letters, the only place the codes exist in clear; the addresses are dropped
    as soon as the letters are made, and staff delete the PDF once it is printed."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="code_batches")
    count = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DONE)
    addresses = models.JSONField(default=list, blank=True)
    letters = models.FileField(upload_to=letters_path, blank=True)
    base_url = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    letters_deleted_at = models.DateTimeField(null=True, blank=True)
    # Replacement letters: earlier codes for the same address that stopped working, and
    # addresses left out because their code was already used to vote.
    replaced_count = models.PositiveIntegerField(default=0)
    skipped_voted_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.round} ({self.count})"


class VotingCode(models.Model):
    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="voting_codes")
    batch = models.ForeignKey(
        VotingCodeBatch, null=True, on_delete=models.CASCADE, related_name="codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    # One valid code per address: a replacement letter revokes the unused earlier code.
    address_hash = models.CharField(max_length=64, blank=True, db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "address_hash"],
                condition=Q(revoked_at__isnull=True) & ~Q(address_hash=""),
                name="budgeting_one_valid_code_per_address",
            )
        ]

    def __str__(self) -> str:
        return f"code {self.pk}"


class BallotChannel(models.TextChoices):
    ACCOUNT = "account", _("online, with an account")
    CODE = "code", _("online, with a voting code")
    PAPER = "paper", _("on paper")


class Ballot(models.Model):
    """One voter's choice. Secret: shown only to the voter; the audit log never holds it.

    ``choices`` maps proposal id (text) to points (1 for approval and knapsack ballots).
    One ballot per voter and per code is enforced by the database.
    """

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_ballots",
    )
    voting_code = models.OneToOneField(
        VotingCode, null=True, blank=True, on_delete=models.PROTECT, related_name="ballot"
    )
    channel = models.CharField(max_length=10, choices=BallotChannel.choices)
    choices = models.JSONField(default=dict)
    cast_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)
    times_changed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "voter"],
                condition=Q(voter__isnull=False),
                name="budgeting_one_ballot_per_voter",
            ),
            models.CheckConstraint(
                condition=Q(voter__isnull=True) | Q(voting_code__isnull=True),
                name="budgeting_ballot_voter_or_code",
            ),
        ]

    def __str__(self) -> str:
        return f"ballot {self.pk}"

    def proposal_ids(self) -> list[int]:
        return sorted(int(key) for key, points in self.choices.items() if points)


class ResultStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be computed")
    RUNNING = "running", _("being computed")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class RoundResult(models.Model):
    """One computation of the outcome with everything needed to recompute it."""

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="results")
    status = models.CharField(max_length=10, choices=ResultStatus.choices, default="queued")
    rule = models.CharField(max_length=40, blank=True)
    completion = models.CharField(max_length=20, blank=True)
    tie_breaking = models.CharField(max_length=20, blank=True)
    seed = models.CharField(max_length=32, blank=True)
    engine_version = models.CharField(max_length=20, blank=True)
    ballots_digest = models.CharField(max_length=64, blank=True)
    ballot_count = models.PositiveIntegerField(default=0)
    selected = models.JSONField(default=list)
    selection_order = models.JSONField(default=list)
    votes = models.JSONField(default=dict)
    unfunded = models.JSONField(default=list)
    total_cost = models.PositiveIntegerField(default=0)
    pb_text = models.TextField(blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When proposers and residents who asked for it were e-mailed the result (once a round).
    announced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.round} – {self.rule} ({self.status})"

    @property
    def is_done(self) -> bool:
        return self.status == ResultStatus.DONE

    @property
    def is_pending(self) -> bool:
        return self.status in (ResultStatus.QUEUED, ResultStatus.RUNNING)


class ResultNotice(models.Model):
    """A resident asked for an e-mail when the result of a round is published (opt-in, on
    the receipt page). Kept apart from the ballot: a random id and no time, so that the
    address cannot be linked to a code voter's ballot. Deleted once the e-mail is sent."""

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
