"""Pitch battles: an event with entries (from residents or from initiatives), a mixed jury,
weighted criteria on a scoring scale, score sheets per juror per entry (or a declared
conflict of interest), an optional public vote, and a follow-up thread per entry. The
ranking is the engine's (voorop.engines.battles; docs/decisions/0019)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.battles import phases
from voorop.core.base import Located, TimelineEntry
from voorop.core.phases import CurrentPhase


class Battle(Located):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    event_at = models.DateTimeField(_("date of the event"), null=True, blank=True)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=10)
    public_vote = models.BooleanField(_("the public can vote too"), default=False)
    stage = models.CharField(
        _("stage"),
        max_length=phases.PITCH_BATTLE.max_length,
        choices=phases.PITCH_BATTLE.choices,
        default=phases.PITCH_BATTLE.initial.key,
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    phase = CurrentPhase(phases.PITCH_BATTLE)

    class Meta:
        verbose_name = _("pitch battle")
        verbose_name_plural = _("pitch battles")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("battles:battle", args=[self.pk])

    def scale(self) -> range:
        return range(self.scale_min, self.scale_max + 1)


class Criterion(models.Model):
    battle = models.ForeignKey(Battle, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=120)
    explanation = models.CharField(_("explanation"), max_length=240, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class JuryGroup(models.TextChoices):
    RESIDENT = "resident", _("resident")
    COUNCILLOR = "councillor", _("councillor")
    EXECUTIVE = "executive", _("alderman or mayor")
    CIVIL_SERVANT = "civil_servant", _("civil servant")


class Juror(models.Model):
    battle = models.ForeignKey(Battle, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(_("group"), max_length=20, choices=JuryGroup.choices)

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        constraints = [
            models.UniqueConstraint(fields=["battle", "user"], name="battles_juror_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_group_display()})"


class Entry(models.Model):
    battle = models.ForeignKey(Battle, on_delete=models.CASCADE, related_name="entries")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("the plan"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="battle_entries",
    )  # fmt: skip
    initiative = models.ForeignKey(
        "initiatives.Initiative", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("initiative"),
    )  # fmt: skip
    proposal = models.ForeignKey(
        "budgeting.Proposal", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("budget-round proposal"),
    )  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("battles:entry", args=[self.pk])


class ScoreSheet(models.Model):
    """One juror's scores of one entry with their reason, or a declared conflict of interest
    (then no scores: the juror does not score this entry)."""

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="sheets")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="sheets")
    conflict = models.BooleanField(_("conflict of interest"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    scores = models.JSONField(default=dict)  # criterion pk (str) → score
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["juror", "entry"], name="battles_one_sheet")]

    def __str__(self) -> str:
        return f"{self.juror_id} → {self.entry_id}"


class PublicVote(models.Model):
    battle = models.ForeignKey(Battle, on_delete=models.CASCADE, related_name="votes")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["battle", "user"], name="battles_one_public_vote")
        ]

    def __str__(self) -> str:
        return f"{self.battle_id}: {self.entry_id}"


class FollowUp(models.Model):
    """A message in an entry's follow-up thread: improving the plan with the municipality."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="follow_ups")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_municipality = models.BooleanField(default=False)
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.created_at:%Y-%m-%d}"


class EntryTimelineEntry(TimelineEntry):
    """A step in what became of an entry after the battle (decision 0017: the system's
    sentence is a key with parameters, put into words when read)."""

    TITLES = {
        "made_initiative": _("Became an initiative"),
        "made_proposal": _("Became a proposal in a budget round"),
    }
    MESSAGES = {
        "made_initiative": _("The plan was carried over into the initiative “%(title)s”."),
        "made_proposal": _(
            "The plan was carried over into the budget round “%(round)s” as a proposal."
        ),
    }

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="timeline")

    class Meta(TimelineEntry.Meta):
        pass
