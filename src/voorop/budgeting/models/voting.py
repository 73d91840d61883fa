"""Stages: who may vote, and voting. The municipality's check of where a resident lives,
voting codes (stored only as a keyed hash) and the letters that carry them, and ballots.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.budgeting.models.rounds import BudgetRound
from voorop.core import codes
from voorop.core.address_lists import address_key
from voorop.core.jobs import JobStatus, TrackedJob


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
    return codes.keyed_hash(ADDRESS_PURPOSE, round_id, address_key(address))


def letters_path(instance: VotingCodeBatch, filename: str) -> str:
    return f"budgeting/letters/{secrets.token_hex(16)}.pdf"


class VotingCodeBatch(TrackedJob):
    """One upload of an address list. A background job (voorop.core.jobs) makes the codes
    (stored hashed) and the PDF of letters, the only place the codes exist in clear; the
    addresses are dropped as soon as the letters are made, and staff delete the PDF once it
    is printed. A run that died is run again by the reaper, or staff press "try again"."""

    Status = JobStatus  # the name used before issue 12.8

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="code_batches")
    count = models.PositiveIntegerField()
    addresses = models.JSONField(default=list, blank=True)
    letters = models.FileField(upload_to=letters_path, blank=True)
    base_url = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    letters_deleted_at = models.DateTimeField(null=True, blank=True)
    # Replacement letters: earlier codes for the same address that stopped working, and
    # addresses left out because their code was already used to vote.
    replaced_count = models.PositiveIntegerField(default=0)
    skipped_voted_count = models.PositiveIntegerField(default=0)

    def work(self) -> None:
        from voorop.budgeting.services.eligibility import voting_letters_make

        voting_letters_make(batch=self)

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
    # One person, one ballot (decision 0014): a code ballot cast by someone signed in keeps
    # a keyed hash of who it was, so that the same person cannot vote again by account or
    # with a second code. Not their id: the ballot stays unlinked to the account.
    code_holder = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

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

    @staticmethod
    def holder_hash(budget_round_id: int, user_id: int) -> str:
        """The keyed hash stored in ``code_holder`` for this person in this round."""
        return codes.keyed_hash("budgeting.code_holder", budget_round_id, str(user_id))

    def proposal_ids(self) -> list[int]:
        return sorted(int(key) for key, points in self.choices.items() if points)
