"""Citizens' assemblies (burgerberaad): invitations drawn from the address register, the
respondents (aanmeldingen), quotas, the selection computed by the engine, the panel drawn
by lot with reserves, and the public report.

Personal data (addresses, respondents, invitations) is deleted on the assembly's deletion
date; the report keeps only aggregates and survives that deletion.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from voorop.core import codes
from voorop.core.base import EngineRun, field_alias
from voorop.core.jobs import TrackedJob
from voorop.core.phases import CurrentPhase
from voorop.sortition.phases import ASSEMBLY

CODE_LENGTH = 12  # of voorop.core.codes.ALPHABET: about 59 bits (decision record 0008)
# Letters printed before the codes grew carry 8 symbols (about 40 bits); they keep working.
LEGACY_CODE_LENGTH = 8
CODE_PURPOSE = "voorop-assembly-code"  # part of every stored hash: never change it
MAX_PEOPLE_PER_LETTER = 10
# Pseudonyms keep the alphabet they were made with (with an L, unlike codes).
PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PSEUDONYM_LENGTH = 7


def new_pseudonym() -> str:
    """A random id for a respondent in the engine and in the published pool file: it says
    nothing about the person, the address or the order of registration."""
    return codes.generate(PSEUDONYM_LENGTH, alphabet=PSEUDONYM_ALPHABET)


def hash_code(assembly_id: int, code: str) -> str:
    """HMAC-SHA256 with the SECRET_KEY: a leaked database does not reveal the codes."""
    return codes.code_hash(CODE_PURPOSE, assembly_id, code)


def default_deletion_date(ends_on: date) -> date:
    """Three months after the assembly ends (same day of the month where it exists)."""
    month = ends_on.month + 3
    year = ends_on.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for day in (ends_on.day, 30, 29, 28):
        try:
            return ends_on.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return ends_on + timedelta(days=91)  # pragma: no cover


class Algorithm(models.TextChoices):
    LEXIMIN = "leximin", _("Leximin (fairest for everyone; recommended)")
    MAXIMIN = "maximin", _("Maximin (highest lowest chance)")
    NASH = "nash", _("Nash (product of the chances)")
    LEGACY = "legacy", _("Legacy (the older step-by-step draw)")


# The stages and what each enables are declared in phases.py; Stage names them in code.
Stage = ASSEMBLY.text_choices("Stage")


class Assembly(models.Model):
    title = models.CharField(_("title"), max_length=200)
    topic = models.TextField(
        _("topic"), max_length=5000, help_text=_("What the assembly will talk about.")
    )
    panel_size = models.PositiveIntegerField(_("size of the group"))
    reserve_count = models.PositiveIntegerField(_("number of reserves"))
    meetings = models.TextField(
        _("meetings"),
        max_length=2000,
        blank=True,
        help_text=_("One meeting per line, for example a date and place."),
    )
    starts_on = models.DateField(_("first meeting"))
    ends_on = models.DateField(_("end date"))
    deletion_date = models.DateField(_("personal data deleted on"))
    one_per_household = models.BooleanField(_("at most one person per household"), default=True)
    # How many residents of one address may register with the same letter. With more than
    # one, the household rule decides whether housemates can both be in the group.
    people_per_letter = models.PositiveSmallIntegerField(
        _("people per letter"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PEOPLE_PER_LETTER)],
    )
    # [{"name": "geslacht", "values": ["vrouw", "man", "anders"]}, ...]
    features = models.JSONField(_("features"), default=list)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_assemblies", verbose_name=_("organisers")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The invitation draw: which addresses get a letter.
    invitation_count = models.PositiveIntegerField(null=True, blank=True)
    invitation_seed = models.CharField(max_length=100, blank=True)
    invitations_drawn_at = models.DateTimeField(null=True, blank=True)

    # The seed of the panel draw, fixed before the selection is computed.
    seed = models.CharField(_("seed"), max_length=200, blank=True)
    seed_source = models.CharField(_("where the seed comes from"), max_length=300, blank=True)
    seed_fixed_at = models.DateTimeField(null=True, blank=True)

    # Registration closes before the chances are computed, so that the pool they are
    # computed on is everyone who registered (decision 0007). Until a group is drawn the
    # organiser may reopen it; each reopening discards the chances computed and is listed
    # here, and in the report: [{"closed_at": iso, "reopened_at": iso, "discarded": n}].
    registration_closed_at = models.DateTimeField(null=True, blank=True)
    # The date residents must reply by, printed on the letters (the organiser closes
    # registration; this is the date promised to residents). Letters need it.
    registration_deadline = models.DateField(_("register by"), null=True, blank=True)
    registration_reopenings = models.JSONField(default=list, blank=True)

    panel_drawn_at = models.DateTimeField(null=True, blank=True)
    pool_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("citizens' assembly")
        verbose_name_plural = _("citizens' assemblies")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="sortition_assembly_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sortition:assembly", args=[self.pk])

    # The current stage: the last milestone recorded (voorop.sortition.phases).
    phase = CurrentPhase(ASSEMBLY)

    @property
    def stage(self) -> str:
        return self.phase.key

    @property
    def registration_closed_on(self):
        """When registration closed: by the organiser, or (for assemblies drawn before the
        close step existed) with the draw of the group. None while it is open."""
        return self.registration_closed_at or self.panel_drawn_at

    def get_stage_display(self) -> str:
        return str(self.phase.label)

    @property
    def feature_names(self) -> list[str]:
        return [f["name"] for f in self.features]


class Address(models.Model):
    """One row of the address register extract."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="addresses")
    address_id = models.CharField(max_length=64)
    street = models.CharField(max_length=200)
    house_number = models.CharField(max_length=20)
    postcode = models.CharField(max_length=10)
    place = models.CharField(max_length=100)
    area = models.CharField(max_length=100)
    household_size = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["address_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assembly", "address_id"], name="sortition_address_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.street} {self.house_number}, {self.place}"


class Invitation(models.Model):
    """A letter to a drawn address; only the HMAC of its registration code is stored."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="invitations")
    address = models.OneToOneField(Address, on_delete=models.CASCADE, related_name="invitation")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class RespondentStatus(models.TextChoices):
    POOL = "pool", _("Registered")
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("Reserve")
    DROPPED_OUT = "dropped_out", _("Dropped out")


class Respondent(models.Model):
    """A resident who registered with the code from a letter (online or on paper). Up to
    `Assembly.people_per_letter` residents of the address may register with one letter."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="respondents")
    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.CASCADE,
        related_name="respondents",
        related_query_name="respondent",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assembly_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    features = models.JSONField(default=dict)
    # The id in the engine, the stored distribution and the published pool file.
    pseudonym = models.CharField(_("pseudonym"), max_length=12, default=new_pseudonym)
    consent_at = models.DateTimeField()
    on_paper = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=RespondentStatus.choices, default=RespondentStatus.POOL
    )
    reserve_rank = models.PositiveIntegerField(null=True, blank=True)
    replaces = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(email="", phone=""),
                name="sortition_respondent_has_contact",
            ),
            models.UniqueConstraint(
                fields=["assembly", "pseudonym"], name="sortition_respondent_pseudonym_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def engine_id(self) -> str:
        return self.pseudonym

    @property
    def household(self) -> str:
        """The address: everyone who registered with the same letter lives there."""
        return str(self.invitation.address_id)


class Quota(models.Model):
    """Population figure and the min–max bounds for one feature value."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="quotas")
    feature = models.CharField(max_length=100)
    value = models.CharField(max_length=100)
    population = models.PositiveIntegerField(null=True, blank=True)
    min = models.PositiveIntegerField(null=True, blank=True)
    max = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assembly", "feature", "value"], name="sortition_quota_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.feature}={self.value}"


class SelectionStatus(models.TextChoices):
    """The statuses of a tracked job (voorop.core.jobs.JobStatus, same values) plus
    CANCELLED: the organiser stopped the computation."""

    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Computing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Stopped")


class Selection(EngineRun, TrackedJob):
    """One computation of the lottery over panels (the distribution), with its engine run:
    engine, version, seed, digest of the pool and quotas, digest of the distribution.

    A tracked job (voorop.core.jobs): a computation whose worker died is run again by the
    reaper, or failed with a message and a "try again" button."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="selections")
    algorithm = models.CharField(max_length=20, choices=Algorithm.choices)
    # TrackedJob's status with one more value, CANCELLED (the job runner never sets it).
    status = models.CharField(
        _("status"), max_length=20, choices=SelectionStatus.choices, default=SelectionStatus.QUEUED
    )
    progress = models.FloatField(default=0.0)
    progress_message = models.CharField(max_length=200, blank=True)
    cancel_requested = models.BooleanField(default=False)
    # The distribution: panels (lists of respondent ids) and their probabilities.
    panels = models.JSONField(default=list, blank=True)
    panel_probabilities = models.JSONField(default=list, blank=True)
    probabilities = models.JSONField(default=dict, blank=True)
    min_probability = models.FloatField(null=True, blank=True)
    # The digest of the pool and quotas is the run's input digest; the report calls it so.
    pool_digest = field_alias("input_digest")
    pool_size = models.PositiveIntegerField(null=True, blank=True)
    quotas_used = models.JSONField(default=list, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    # The draw from this distribution.
    panel_index = models.IntegerField(null=True, blank=True)
    random_value = models.FloatField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.assembly} ({self.algorithm}, {self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (SelectionStatus.QUEUED, SelectionStatus.RUNNING)

    @property
    def percent(self) -> int:
        return round(100 * self.progress)

    def output(self) -> dict:
        """What the outcome digest covers: the panels and their probabilities."""
        return {"panels": self.panels, "panel_probabilities": self.panel_probabilities}

    def work(self) -> None:
        from voorop.sortition.services.selection import selection_compute

        selection_compute(selection=self)


class ReplacementMethod(models.TextChoices):
    RESERVE = "reserve", _("A reserve took the seat")
    OPEN = "open", _("Not decided yet")
    POOL = "pool", _("Drawn by lot from the other respondents")
    DEVIATION = "deviation", _("Quota deviation accepted")


class Replacement(models.Model):
    """A drop-out from the panel and how the seat was filled. The pseudonyms, the method and
    any accepted deviation are public (shown in the report) and survive the deletion of the
    pool; the links to the respondents go with it."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="replacements")
    dropped_out = models.ForeignKey(
        Respondent, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_by = models.ForeignKey(
        Respondent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    method = models.CharField(
        max_length=20, choices=ReplacementMethod.choices, default=ReplacementMethod.RESERVE
    )
    dropped_pseudonym = models.CharField(max_length=12, blank=True)
    replacement_pseudonym = models.CharField(max_length=12, blank=True)
    # A draw from the other respondents: SeedStream(assembly seed, seed_purpose) picks one of
    # the `candidates` who keep every quota, in order of pseudonym.
    seed_purpose = models.CharField(max_length=100, blank=True)
    candidates = models.PositiveIntegerField(null=True, blank=True)
    # An accepted deviation: [{"kind": "quota"|"size"|"household", "feature", "value",
    #   "count", "min", "max"}], the group after the decision against the quotas.
    deviations = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"replacement {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.method == ReplacementMethod.OPEN


class Report(models.Model):
    """The published account of the draw: aggregates only, no personal data."""

    assembly = models.OneToOneField(Assembly, on_delete=models.CASCADE, related_name="report")
    algorithm = models.CharField(max_length=20, choices=Algorithm.choices)
    engine_version = models.CharField(max_length=20)
    seed = models.CharField(max_length=200)
    seed_source = models.CharField(max_length=300, blank=True)
    seed_fixed_at = models.DateTimeField()
    pool_digest = models.CharField(max_length=64)
    pool_size = models.PositiveIntegerField()
    invitation_count = models.PositiveIntegerField()
    invitation_seed = models.CharField(max_length=100)
    # {"features": [{"name", "rows": [{"value", "population", "share", "min", "max", "pool",
    #   "panel", "p_min", "p_mean", "p_max"}]}], "probabilities": [sorted], "summary": {...}}
    data = models.JSONField(default=dict)
    # The anonymised pool (pseudonyms and features, the engine's people CSV) and the quotas
    # (its categories CSV), so that anyone can recompute the draw. The pool file is published
    # only if the organisers chose so, and emptied when the pool is deleted (decision 0007).
    publishes_pool_file = models.BooleanField(default=False)
    pool_file = models.TextField(blank=True)
    categories_file = models.TextField(blank=True)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"report {self.assembly}"
