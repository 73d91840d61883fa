"""The Ho-stop card: a pause on a running process, resumed only with everyone's consent."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from voorop.core.base import TimelineEntry

# Issue 14.2: parties have this many working days to answer; after that the griffie decides.
RESPONSE_DAYS = 10
# A party who has not answered is reminded after this many days without a reminder.
REMIND_EVERY_DAYS = 3


class CardStatus(models.TextChoices):
    PAUSED = "paused", _("process paused")
    RESUMED = "resumed", _("process resumed")
    STOPPED = "stopped", _("process stopped")


class HoStopCard(models.Model):
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=10, choices=CardStatus.choices, default=CardStatus.PAUSED
    )
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    resumed_at = models.DateTimeField(_("resumed at"), null=True, blank=True)
    respond_by = models.DateField(_("answer by"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    # When the response period ended without everyone's consent: the griffie decides.
    handed_over_at = models.DateTimeField(_("passed to the griffie on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.TextField(_("why the griffie decided so"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("Ho-stop card")
        verbose_name_plural = _("Ho-stop cards")
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["target_type", "target_id", "status"])]
        constraints = [
            # One pause at a time per process.
            models.UniqueConstraint(
                fields=["target_type", "target_id"],
                condition=models.Q(status="paused"),
                name="hostop_one_open_card_per_target",
            )
        ]

    def __str__(self) -> str:
        return f"Ho-stop {self.pk}: {self.target}"

    def get_absolute_url(self) -> str:
        return reverse("hostop:card", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == CardStatus.PAUSED

    @property
    def awaits_griffie(self) -> bool:
        """The response period is over without everyone's consent: the griffie decides."""
        return self.is_open and self.handed_over_at is not None


# Role codes the processes use for their parties, shown in the reader's language.
PARTY_ROLES = {
    "initiatiefnemer": _("initiative owner"),
    "lid": _("member"),
    "procesbegeleider": _("process facilitator"),
    "raadslid": _("councillor"),
    "uitdager": _("challenger"),
    "raiser": _("raised the card"),
}


class HoStopParty(models.Model):
    """Someone involved when the card was raised; the process resumes when all consent."""

    card = models.ForeignKey(HoStopCard, on_delete=models.CASCADE, related_name="parties")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role_label = models.CharField(_("involved as"), max_length=60)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["card", "user"], name="hostop_party_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.role_display})"

    @property
    def role_display(self) -> str:
        return str(PARTY_ROLES.get(self.role_label, self.role_label))


class HoStopAdjustment(models.Model):
    """A change to the process proposed while it is paused."""

    card = models.ForeignKey(HoStopCard, on_delete=models.CASCADE, related_name="adjustments")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("proposed adjustment"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:50]


class HoStopTimelineEntry(TimelineEntry):
    """Every step of a card, in public: raised, adjustments, consents, reminders, the end
    of the response period, the griffie's decision and why, resumed or stopped."""

    class Kind(models.TextChoices):
        RAISED = "raised", _("Ho-stop card raised")
        ADJUSTMENT = "adjustment", _("Adjustment proposed")
        CONSENTED = "consented", _("Agrees to continue")
        REMINDED = "reminded", _("Reminder sent")
        HANDED_OVER = "handed_over", _("Response period over: the griffie decides")
        RESUMED = "resumed", _("Everyone agrees: the process continues")
        GRIFFIE_RESUMED = "griffie_resumed", _("The griffie decided: the process continues")
        GRIFFIE_STOPPED = "griffie_stopped", _("The griffie decided: the process stops")

    # What the system says, put into words when shown (in the reader's language).
    MESSAGES = {"reminded": _("Reminded: %(names)s. Please answer by %(date_label)s.")}

    card = models.ForeignKey(HoStopCard, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=30, choices=Kind.choices)

    def message_values(self) -> dict[str, Any]:
        day = ((self.message or {}).get("params") or {}).get("date")
        return {"date_label": date_format(date.fromisoformat(day)) if day else ""}

    class Meta(TimelineEntry.Meta):
        pass
