"""Initiatives: what residents own and carry out, and how the municipality takes part.

An initiative belongs to its owners (Membership with role owner); the municipality joins in
with process facilitators, a step on the participation ladder and the preconditions check
(randvoorwaarden, seed 003 §9). Its public timeline (InitiativeTimelineEntry) shows every
change of status with who, when and why. Writes go through `services.py`; nothing here has
side effects.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from voorop.core import files
from voorop.core.base import LadderStep, TimelineEntry
from voorop.core.money import EuroField


class Status(models.TextChoices):
    CONCEPT = "concept", _("draft")
    SUBMITTED = "ingediend", _("submitted")
    IN_CONVERSATION = "in_gesprek", _("in conversation")
    RUNNING = "lopend", _("running")
    COMPLETED = "afgerond", _("completed")
    STOPPED = "gestopt", _("stopped")
    PAUSED = "gepauzeerd", _("paused (Ho-stop)")


# Everyone may see an initiative once it has left the draft stage.
PUBLIC_STATUSES = frozenset(Status) - {Status.CONCEPT}
CLOSED_STATUSES = frozenset({Status.COMPLETED, Status.STOPPED})
# A Ho-stop card can pause these.
RUNNING_STATUSES = frozenset({Status.IN_CONVERSATION, Status.RUNNING})
# The colour of a status badge (pages ask the initiative, they do not compare statuses).
STATUS_TONES = {Status.PAUSED: "warning", Status.STOPPED: "danger", Status.COMPLETED: "done"}


class OwnershipType(models.TextChoices):
    # Seed 004: type 1 and type 2 activities.
    COMMUNITY = "gemeenschap", _("owned by the community")
    WITH_CONTRIBUTION = "met_bijdrage", _("owned by the community, with a contribution")


class ExperimentMode(models.TextChoices):
    # Seed 000: "in hoeverre het proces losgelaten kan worden, en in hoeverre het proces
    # gevolgd en gemonitord wordt".
    LET_GO = "loslaten", _("let go")
    FOLLOW = "volgen", _("follow")
    MONITOR = "monitoren", _("monitor")


class Impulse(models.TextChoices):
    # Seed 003 §9: which impulse from the municipality is wanted.
    DEREGULATION = "deregulering", _("fewer rules")
    PROCESS_SUPPORT = "procesbegeleiding", _("process support")
    BUDGET = "budget", _("budget")


class Initiative(models.Model):
    title = models.CharField(_("title"), max_length=150)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences. This is shown in the overview."),
    )
    description = models.TextField(_("description"), max_length=10000)
    areas = models.ManyToManyField(
        "areas.Area", verbose_name=_("areas"), related_name="initiatives", blank=True
    )
    themes = models.ManyToManyField(
        "areas.Theme", verbose_name=_("themes"), related_name="initiatives", blank=True
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="initiative_memberships",
        verbose_name=_("members"),
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="facilitated_initiatives",
        verbose_name=_("process facilitators"),
        blank=True,
    )

    ownership_type = models.CharField(
        _("ownership"),
        max_length=20,
        choices=OwnershipType.choices,
        default=OwnershipType.COMMUNITY,
    )
    contribution = models.TextField(
        _("who contributes what"),
        blank=True,
        help_text=_("Only with a contribution: what the municipality or a partner adds."),
        max_length=5000,
    )
    ladder_step = models.CharField(
        _("participation step"), max_length=20, choices=LadderStep.choices, blank=True
    )

    # The preconditions check (randvoorwaarden), seed 003 §9.
    strength_in_society = models.TextField(
        _("Which strength is present in society for this?"),
        blank=True,
        max_length=5000,
    )
    how_organised = models.TextField(
        _("How are the residents organised?"), blank=True, max_length=5000
    )
    conflicting_interests = models.TextField(
        _("Are there different or conflicting interests?"),
        blank=True,
        max_length=5000,
    )
    support_base = models.TextField(_("How much support is there?"), blank=True, max_length=5000)
    self_reliance = models.TextField(
        _("Can you carry it out yourselves?"), blank=True, max_length=5000
    )
    impulses = models.JSONField(_("help wanted from the municipality"), default=list, blank=True)

    requested_budget = EuroField(_("requested budget (euro)"), max_digits=10, null=True, blank=True)
    feasibility_note = models.TextField(_("financial feasibility"), blank=True, max_length=5000)
    expectations = models.TextField(
        _("expectations agreed up front"),
        blank=True,
        help_text=_("What may each party expect from the other? Agree on this at the start."),
        max_length=5000,
    )
    is_experiment = models.BooleanField(_("this is an experiment"), default=False)
    experiment_mode = models.CharField(
        _("how closely the municipality follows it"),
        max_length=20,
        choices=ExperimentMode.choices,
        blank=True,
    )
    lessons_learned = models.TextField(_("what we learned"), blank=True, max_length=5000)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT, db_index=True
    )
    # The status a Ho-stop card paused it from; empty when not paused.
    paused_from = models.CharField(max_length=20, choices=Status.choices, blank=True)
    # Denormalised draagvlak, kept by the support services so lists sort fast.
    support_count = models.PositiveIntegerField(_("supporters"), default=0, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-support_count"]),
            models.Index(fields=["-created_at", "-id"], name="initiative_newest_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_draft(self) -> bool:
        return self.status == Status.CONCEPT

    @property
    def is_paused(self) -> bool:
        return self.status == Status.PAUSED

    @property
    def status_tone(self) -> str:
        return STATUS_TONES.get(self.status, "")

    @property
    def ladder_step_description(self) -> str:
        """What the chosen participation step means, in plain words ("" when none)."""
        if self.ladder_step not in LadderStep.values:
            return ""
        return str(LadderStep(self.ladder_step).description)

    def impulse_labels(self) -> list[str]:
        return [str(Impulse(value).label) for value in self.impulses if value in Impulse.values]


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        MEMBER = "member", _("member")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-role", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"], name="initiatives_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.initiative}"


class Support(models.Model):
    """One resident backing one initiative (draagvlak). Withdrawing deletes the row."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="initiative_supports"
    )
    show_name = models.BooleanField(_("show my name"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="initiatives_support_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.initiative}"


class Scenario(models.Model):
    """An alternative with its arguments (seed 000: "leg scenario's voor met argumentatie")."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="scenarios")
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=5000)
    arguments_for = models.TextField(_("arguments for"), blank=True, max_length=5000)
    arguments_against = models.TextField(_("arguments against"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Update(models.Model):
    """The initiative's own account of its work (bericht / verantwoording), in its own form."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("text"), blank=True, max_length=10000)
    # [{"label": "Vrijwilligers", "value": "24"}, ...]
    figures = models.JSONField(_("figures"), default=list, blank=True)
    lessons_learned = models.TextField(_("what we learned"), blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class UpdatePhoto(models.Model):
    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="photos")
    image = files.CheckedFileField(_("photo"), kinds=files.PHOTOS, folder="initiatives/updates")
    content_type = models.CharField(max_length=50)
    description = models.CharField(_("what the photo shows"), max_length=200)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description

    def get_absolute_url(self) -> str:
        return reverse("initiatives:photo", args=[self.pk])


class InitiativeTimelineEntry(TimelineEntry):
    """A line on the public timeline: who did what, when and why."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        STATUS = "status", _("status changed")
        PAUSED = "paused", _("paused")
        RESUMED = "resumed", _("resumed")
        FACILITATOR = "facilitator", _("process facilitator")

    # What the system says, put into words when shown (in the reader's language).
    MESSAGES = {
        "from_desk": _("Came in at the community desk as %(reference)s."),
        "from_battle": _("Came from the pitch battle “%(battle)s”."),
        "facilitator_assigned": _("%(name)s supports this initiative for the municipality."),
        "facilitator_removed": _(
            "%(name)s no longer supports this initiative for the municipality."
        ),
    }

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)

    class Meta(TimelineEntry.Meta):
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return str(self.title)

    # For core/partials/timeline.html
    @property
    def title(self) -> str:
        if self.kind == self.Kind.CREATED:
            return str(_("Initiative started as %(status)s")) % {
                "status": Status(self.to_status).label if self.to_status else ""
            }
        if self.kind == self.Kind.PAUSED:
            return str(_("Paused with a Ho-stop card"))
        if self.kind == self.Kind.RESUMED:
            return str(_("Continued after the Ho-stop: status %(status)s")) % {
                "status": Status(self.to_status).label
            }
        if self.kind == self.Kind.FACILITATOR:
            return str(_("Process facilitator changed"))
        return str(_("Status changed from %(old)s to %(new)s")) % {
            "old": Status(self.from_status).label,
            "new": Status(self.to_status).label,
        }
