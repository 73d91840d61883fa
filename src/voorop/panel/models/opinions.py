"""The opinion map (stellingenkaart): statements, participants, votes, computations."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from voorop.core.jobs import TrackedJob
from voorop.core.phases import CurrentPhase
from voorop.panel.models.consultations import Consultation
from voorop.panel.models.panels import Panel, new_salt
from voorop.panel.phases import OPINION_MAP, MapAction


class Moderation(models.TextChoices):
    BEFORE = "before", _("Check new statements before they are shown")
    AFTER = "after", _("Show new statements at once and check them afterwards")


class OpinionMap(models.Model):
    """A conversation of statements voted agree / disagree / pass, participants grouped by
    their votes (engines.opinions). Anyone with the link takes part, without an account; the
    computed map is kept here (`result`) and recomputed by a tracked job after votes."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="opinion_maps")
    consultation = models.ForeignKey(
        Consultation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinion_maps",
        verbose_name=_("consultation"),
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), max_length=5000)
    moderation = models.CharField(
        _("new statements"), max_length=10, choices=Moderation.choices, default=Moderation.BEFORE
    )
    # The closing moment (voorop.panel.phases.OPINION_MAP): planned, or set when the organiser
    # closes the map by hand; empty while the map is open without an end.
    closes_at = models.DateTimeField(_("closes on"), null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    votes_computed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    phase = CurrentPhase(OPINION_MAP)

    class Meta:
        verbose_name = _("opinion map")
        verbose_name_plural = _("opinion maps")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("panel:map", args=[self.pk])

    @property
    def is_open(self) -> bool:
        """Whether votes and statements are taken now (the phase decides, with the date)."""
        return OPINION_MAP.allows(self, MapAction.VOTE)


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a check")
    ACCEPTED = "accepted", _("Shown")
    REJECTED = "rejected", _("Not shown")


class Statement(models.Model):
    opinion_map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(_("statement"), max_length=300)
    author = models.ForeignKey(
        "Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=StatementStatus.choices, default=StatementStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class Participant(models.Model):
    """Someone taking part, known only by a random key in their session."""

    opinion_map = models.ForeignKey(
        OpinionMap, on_delete=models.CASCADE, related_name="participants"
    )
    key = models.CharField(max_length=32, default=new_salt, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"participant {self.pk}"


class OpinionVote(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    vote = models.SmallIntegerField()  # 1 agree, -1 disagree, 0 pass (Pol.is)
    voted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "statement"], name="panel_opinion_vote_unique"
            ),
            # A range, not vote__in=[-1, 0, 1]: Django's SQLite introspection cannot read a
            # table whose CHECK holds a list (", " inside), which breaks the database scans.
            models.CheckConstraint(
                condition=models.Q(vote__gte=-1, vote__lte=1), name="panel_opinion_vote_value"
            ),
        ]

    def __str__(self) -> str:
        return f"vote {self.pk}"


class MapRun(TrackedJob):
    """One computation of an opinion map (a tracked job: survives a dead worker)."""

    opinion_map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="runs")
    lease = timedelta(minutes=1)

    class Meta:
        ordering = ["-queued_at", "-pk"]

    def __str__(self) -> str:
        return f"map run {self.pk}"

    def work(self) -> None:
        from voorop.panel.services.opinions import map_compute

        map_compute(opinion_map=self.opinion_map)
