"""Area councils (wijkraad, dorpsraad): members and how they were chosen, meetings with
an agenda and minutes, agenda items residents put forward (each one answered), and the
council's decisions."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CouncilKind(models.TextChoices):
    WIJKRAAD = "wijkraad", _("Neighbourhood council (wijkraad)")
    DORPSRAAD = "dorpsraad", _("Village council (dorpsraad)")


class AreaCouncil(models.Model):
    """The council of one kern or wijk."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CouncilKind.choices)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("what the council does"), max_length=5000, blank=True)
    # A citizens' assembly whose drawn group seats the members chosen by lot; its
    # population figures show the council's make-up against the area.
    draw = models.ForeignKey(
        "sortition.Assembly",
        verbose_name=_("draw by lot"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The citizens' assembly whose draw chose the members drawn by lot."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("area council")
        verbose_name_plural = _("area councils")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:council_detail", args=[self.slug])


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class ChosenBy(models.TextChoices):
    ELECTED = "elected", _("Elected")
    DRAWN = "drawn", _("Drawn by lot")
    VOLUNTEERED = "volunteered", _("Volunteered")


class CouncilMember(models.Model):
    council = models.ForeignKey(AreaCouncil, on_delete=models.CASCADE, related_name="members")
    # The member's account, when they have one: it gets the light area-council role and
    # may manage this council's pages.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
    )
    public_name = models.CharField(_("name shown"), max_length=150)
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    chosen_by = models.CharField(_("chosen by"), max_length=20, choices=ChosenBy.choices)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    # Seated from a draw by lot: the pseudonym the draw knew them by (not a name), so the
    # same person is never seated twice from one draw.
    drawn_as = models.CharField(max_length=12, blank=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["role", "public_name", "pk"]

    def __str__(self) -> str:
        return self.public_name

    def is_current(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.term_start <= on and (self.term_end is None or on <= self.term_end)


class Meeting(models.Model):
    council = models.ForeignKey(AreaCouncil, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200)
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    minutes = models.TextField(_("minutes"), max_length=20000, blank=True)
    # Minutes are public only once the council has approved them.
    minutes_approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.council} {timezone.localtime(self.starts_at):%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("community:meeting_detail", args=[self.council.slug, self.pk])


class AgendaItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for an answer")
    TAKEN_UP = "taken_up", _("On the agenda")
    DECLINED = "declined", _("Not taken up")
    DISCUSSED = "discussed", _("Discussed")
    # Taken back by the resident before the answer, or by the council from its own
    # agenda: the row stays (and the audit log says who), it only leaves the lists.
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AgendaItem(models.Model):
    """A subject for a meeting: the council's own, or put forward by a resident (then the
    council answers it, also when it does not take it up)."""

    council = models.ForeignKey(AreaCouncil, on_delete=models.CASCADE, related_name="agenda_items")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    title = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("explanation"), max_length=5000, blank=True)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        max_length=20, choices=AgendaItemStatus.choices, default=AgendaItemStatus.PROPOSED
    )
    answer = models.TextField(_("answer of the council"), max_length=5000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class CouncilDecision(models.Model):
    council = models.ForeignKey(AreaCouncil, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    title = models.CharField(_("decision"), max_length=200)
    text = models.TextField(_("explanation"), max_length=5000, blank=True)
    decided_on = models.DateField(_("decided on"))

    class Meta:
        verbose_name = _("decision of an area council")
        verbose_name_plural = _("decisions of area councils")
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return self.title
