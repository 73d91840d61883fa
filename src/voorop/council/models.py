"""The council's instruments: dossiers with anchor points, decisions with the mirroring
councillor's reflection, and events with society (sign-up, topics, harvest, follow-up)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.core import codes, files
from voorop.core.base import LadderStep, Located, area_field

# The most a resident may type in one text box (issue 12.11: a 9 MB topic made the event
# page 9.5 MB for every visitor).
TEXT_LENGTH = 3_000

# ---------------------------------------------------------------- dossiers and anchor points


class DossierStatus(models.TextChoices):
    PREPARING = "preparing", _("Council sets anchor points")
    OPEN = "open", _("Open to society")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Closed")


class Dossier(Located):
    """A subject the council puts before society, framed by a few anchor points."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.PREPARING
    )
    max_anchor_points = models.PositiveSmallIntegerField(
        _("maximum number of anchor points"),
        default=5,
        help_text=_("Keep it small: Slot Zeist had three."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("council:dossier_detail", kwargs={"pk": self.pk})


class AnchorPoint(models.Model):
    """A frame the council sets before society works out a dossier."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="anchor_points"
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("anchor point"), max_length=200)
    explanation = models.TextField(_("explanation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("anchor point")
        verbose_name_plural = _("anchor points")
        ordering = ["dossier", "position", "id"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class AnchorPointResponse(models.Model):
    """How a contribution (initiative, proposal, challenge) meets one anchor point."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    contribution = GenericForeignKey("content_type", "object_id")
    anchor_point = models.ForeignKey(
        AnchorPoint, on_delete=models.CASCADE, related_name="responses"
    )
    text = models.TextField(_("how the plan meets this anchor point"), max_length=TEXT_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("anchor point response")
        verbose_name_plural = _("anchor point responses")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "anchor_point"],
                name="council_one_response_per_anchor_point",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.anchor_point}: {self.text[:40]}"


class Verdict(models.TextChoices):
    MEETS = "meets", _("Meets")
    PARTLY = "partly", _("Partly meets")
    DOES_NOT_MEET = "does_not_meet", _("Does not meet")


class AnchorPointJudgement(models.Model):
    """A reviewer's judgement of a contribution against one anchor point."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    contribution = GenericForeignKey("content_type", "object_id")
    anchor_point = models.ForeignKey(
        AnchorPoint, on_delete=models.CASCADE, related_name="judgements"
    )
    verdict = models.CharField(_("judgement"), max_length=20, choices=Verdict.choices)
    reasons = models.TextField(_("reasons"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("anchor point judgement")
        verbose_name_plural = _("anchor point judgements")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "anchor_point"],
                name="council_one_judgement_per_anchor_point",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.anchor_point}: {self.verdict}"


# ---------------------------------------------------------------- decisions and reflections


class CouncilDecision(models.Model):
    title = models.CharField(_("title"), max_length=200)
    decided_on = models.DateField(_("date of the decision"))
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    summary = models.TextField(
        _("summary"), help_text=_("What the council decided, in plain words.")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("council:decision_detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class DecisionDocument(models.Model):
    decision = models.ForeignKey(
        CouncilDecision, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = files.CheckedFileField(_("file"), kinds=files.PDF, folder="council/decisions")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class SocietyInvolvement(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class Reflection(models.Model):
    """The mirroring councillor's reflection: how a decision relates to society-first."""

    decision = models.OneToOneField(
        CouncilDecision, on_delete=models.CASCADE, related_name="reflection"
    )
    councillor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mirroring councillor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    society_involved = models.CharField(
        _("Was society involved?"), max_length=10, choices=SocietyInvolvement.choices
    )
    ladder_step = models.CharField(
        _("At which participation step?"),
        max_length=20,
        choices=LadderStep.choices,
        blank=True,
    )
    anchor_points = models.ManyToManyField(
        AnchorPoint, verbose_name=_("Which anchor points applied?"), blank=True, related_name="+"
    )
    left_to_society = models.TextField(_("What does the decision leave to society?"))
    how_residents_hear = models.TextField(_("How will residents hear of it?"))
    free_text = models.TextField(_("Anything else"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        ordering = ["-decision__decided_on"]

    def __str__(self) -> str:
        return f"{self.decision}"


# ---------------------------------------------------------------- events with society


class EventKind(models.TextChoices):
    RAADSCONFERENTIE = "raadsconferentie", _("Council conference")
    GAST_VAN_DE_RAAD = "gast_van_de_raad", _("Guest of the council")
    STAMTAFEL = "stamtafel", _("Stamtafel")
    INLOOPAVOND = "inloopavond", _("Walk-in evening")
    INFORMATIEMARKT = "informatiemarkt", _("Information market")
    BROEDPLAATS = "broedplaats", _("Broedplaats (idea pitch)")


# What each kind of meeting is, in plain words (shown beside its name on the event page).
EVENT_KIND_DESCRIPTIONS = {
    EventKind.RAADSCONFERENTIE: _(
        "A meeting where councillors and residents work on one subject together."
    ),
    EventKind.GAST_VAN_DE_RAAD: _(
        "You are the council’s guest: you see how a council meeting works and talk with "
        "councillors."
    ),
    EventKind.STAMTAFEL: _(
        "An informal talk at a table with a few councillors, for example in a café or a "
        "community centre. Everyone can join in."
    ),
    EventKind.INLOOPAVOND: _("Drop in when it suits you and talk with councillors."),
    EventKind.INFORMATIEMARKT: _(
        "Stands where you can get information and ask questions, and come and go as you like."
    ),
    EventKind.BROEDPLAATS: _(
        "Residents present their ideas in a few minutes and get reactions and help."
    ),
}


class Event(models.Model):
    kind = models.CharField(_("kind of meeting"), max_length=30, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    place = models.CharField(_("place"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(
        _("number of places"),
        null=True,
        blank=True,
        help_text=_("Leave empty when there is no limit."),
    )
    guests_may_sign_up = models.BooleanField(
        _("people without an account may sign up"),
        default=True,
        help_text=_("They give a name and an e-mail address."),
    )
    area = area_field()
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    harvest = models.TextField(_("harvest"), blank=True)
    harvest_recorded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("council:event_detail", kwargs={"pk": self.pk})

    @property
    def kind_description(self) -> str:
        """What this kind of meeting is, in plain words ("" for an unknown kind)."""
        text = EVENT_KIND_DESCRIPTIONS.get(self.kind)
        return str(text) if text else ""

    @property
    def is_upcoming(self) -> bool:
        return self.starts_at > timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


# Part of every stored hash of a guest's link: never change it, or every link stops working.
GUEST_LINK_PURPOSE = "voorop-event-guest"
# A guest has this long to confirm by the link in the e-mail; then the sign-up goes.
CONFIRM_WITHIN = timedelta(hours=24)


class SignUpStatus(models.TextChoices):
    # A guest (no account) has a place only after confirming by the link in an e-mail.
    UNCONFIRMED = "unconfirmed", _("Waiting for confirmation by e-mail")
    CONFIRMED = "confirmed", _("Signed up")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class EventSignUp(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sign_ups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="council_sign_ups",
    )
    # Only for people without an account; an account holder's name and address come from it.
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    # A guest's language, taken from the page they signed up on: their e-mails use it.
    guest_language = models.CharField(max_length=8, blank=True)
    status = models.CharField(max_length=20, choices=SignUpStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # A guest's link (confirm, cancel) carries a token; only its keyed hash is kept
    # (voorop.core.codes.keyed_hash), so the database does not reveal working links.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.display_name} → {self.event}"

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.public_name
        return self.name or str(_("Guest (details deleted)"))

    @staticmethod
    def hash_token(token: str) -> str:
        """The stored form of a guest's link token (keyed with the SECRET_KEY)."""
        return codes.keyed_hash(GUEST_LINK_PURPOSE, "sign-up", token.strip())

    @property
    def is_expired(self) -> bool:
        """Unconfirmed a day after it was made, or when the event starts: it takes no place
        and its link no longer works."""
        if self.status != SignUpStatus.UNCONFIRMED:
            return False
        now = timezone.now()
        return self.created_at <= now - CONFIRM_WITHIN or self.event.starts_at <= now

    @property
    def address(self) -> str:
        return (self.user.email or "") if self.user_id else self.email

    @property
    def language(self) -> str:
        if self.user_id:
            return self.user.language
        return self.guest_language or settings.LANGUAGE_CODE


class EventTopic(models.Model):
    """A subject a resident wants to bring up at an event, proposed beforehand."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="topics")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("topic"), max_length=200)
    text = models.TextField(_("explanation"), blank=True, max_length=TEXT_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class FollowUpAction(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="follow_ups")
    topic = models.ForeignKey(
        EventTopic,
        verbose_name=_("topic raised by a resident"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    title = models.CharField(_("action"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    message_to_resident = models.TextField(_("message to the resident"), blank=True)
    messaged_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title
