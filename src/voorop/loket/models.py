"""The Samenlevingsloket (community desk): one entry point for every idea, initiative,
question or signal, whether it came in online, by phone, at the counter or at a kitchen table.
"""

from __future__ import annotations

import hashlib
from datetime import UTC
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.core import files
from voorop.core.base import Located, TimelineEntry


class InformBy(models.TextChoices):
    """How the person hears what was done (issue 14.1). Only e-mail is sent by the platform;
    a phone call or a letter becomes a task for the officer, the tracking link is read out
    or handed over when the item is registered."""

    EMAIL = "email", _("by e-mail")
    PHONE = "telefoon", _("by phone")
    LETTER = "brief", _("by letter")
    LINK = "volglink", _("only on the tracking page (link read out or handed over)")


class ItemKind(models.TextChoices):
    IDEA = "idee", _("idea")
    INITIATIVE = "initiatief", _("initiative")
    QUESTION = "vraag", _("question")
    SIGNAL = "signaal", _("signal")


class Channel(models.TextChoices):
    ONLINE = "online", _("online form")
    PHONE = "telefoon", _("phone")
    COUNTER = "balie", _("counter")
    KITCHEN_TABLE = "keukentafel", _("kitchen-table talk")
    EMAIL = "email", _("e-mail")
    LETTER = "brief", _("letter")


class ItemStatus(models.TextChoices):
    RECEIVED = "ontvangen", _("received")
    REFERRED = "doorverwezen", _("referred")
    IN_PROGRESS = "in_behandeling", _("being handled")
    WAITING = "wacht_op_indiener", _("waiting for your answer")
    CLOSED = "afgerond", _("closed")


OPEN_STATUSES = [s for s in ItemStatus if s != ItemStatus.CLOSED]


class Team(models.Model):
    """A group of staff that can receive referrals, such as an area team (gebiedsteam)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    email = models.EmailField(_("team e-mail address"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="teams"
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Theme × area → the contact person or team an incoming item is suggested to.

    An empty theme or area matches any; a rule for a kern also covers its wijken and buurten.
    The most specific rule wins (theme and area, then area, then theme, then the fallback).
    """

    theme = models.ForeignKey(
        "areas.Theme", verbose_name=_("theme"), null=True, blank=True, on_delete=models.CASCADE
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), null=True, blank=True, on_delete=models.CASCADE
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            # One rule per theme × area, where "any" (NULL) counts as a value: partial
            # constraints, because SQLite has no NULLS NOT DISTINCT.
            models.UniqueConstraint(fields=["theme", "area"], name="loket_routing_unique_pair"),
            models.UniqueConstraint(
                fields=["area"],
                condition=models.Q(theme__isnull=True),
                name="loket_routing_unique_area_any_theme",
            ),
            models.UniqueConstraint(
                fields=["theme"],
                condition=models.Q(area__isnull=True),
                name="loket_routing_unique_theme_any_area",
            ),
            models.UniqueConstraint(
                models.Value(1),
                condition=models.Q(theme__isnull=True, area__isnull=True),
                name="loket_routing_unique_fallback",
            ),
            models.CheckConstraint(
                condition=models.Q(contact__isnull=False) | models.Q(team__isnull=False),
                name="loket_routing_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme or _('any theme')} × {self.area or _('any area')} → " + str(
            self.contact or self.team
        )


class ResponseTarget(models.Model):
    """How many working days until the first human response, per kind of item."""

    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(_("working days"), default=5)

    class Meta:
        verbose_name = _("response-time target")
        verbose_name_plural = _("response-time targets")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_days}"


DEFAULT_RESPONSE_DAYS = 5


class EscalationStep(models.Model):
    """One level of an area's optional escalation ladder (Gemert-Bakel: the neighbourhood
    supporter first, then the area team, then the municipality)."""

    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        on_delete=models.CASCADE,
        related_name="escalation_steps",
    )
    level = models.PositiveSmallIntegerField(_("level"))
    label = models.CharField(_("name of this level"), max_length=100)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("escalation level")
        verbose_name_plural = _("escalation ladder")
        ordering = ["area", "level"]
        constraints = [
            models.UniqueConstraint(fields=["area", "level"], name="loket_escalation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.level}: {self.label}"


def choice_label(choices: type[models.Choices], value: Any) -> Any:
    """What Django's ``get_FOO_display`` gives for ``value`` (the value itself when it is no
    choice), for the models' own quicker ``get_FOO_display``."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class DeskItem(Located):
    """Something that came in at the desk. Staff see it in the queue; the submitter follows
    it on a tracking page reached by a secret link."""

    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    is_safety = models.BooleanField(_("about safety"), default=False)
    title = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    location = models.CharField(_("place or address"), max_length=200, blank=True)

    anonymous = models.BooleanField(_("anonymous"), default=False)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="desk_items",
    )
    contact_name = models.CharField(_("name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail address"), blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=40, blank=True)
    contact_address = models.CharField(_("postal address"), max_length=300, blank=True)
    inform_by = models.CharField(
        _("informed"), max_length=20, choices=InformBy.choices, default=InformBy.EMAIL
    )
    language = models.CharField(_("language"), max_length=8, default="nl")

    channel = models.CharField(
        _("came in by"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.RECEIVED
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_desk_items",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.SET_NULL
    )
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), null=True)
    resolved_at_level = models.CharField(_("resolved at level"), max_length=100, blank=True)

    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    response_due = models.DateField(_("first response due"))
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    tracking_token_hash = models.CharField(max_length=64, unique=True)
    # Stored, computed by the database from status and first_response_at: the queue filters
    # and sorts on them through indexes instead of evaluating every row.
    is_open = models.GeneratedField(
        expression=models.Case(
            models.When(status=ItemStatus.CLOSED, then=models.Value(False)),
            default=models.Value(True),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    awaiting_response = models.GeneratedField(
        expression=models.Case(
            models.When(
                models.Q(first_response_at__isnull=True) & ~models.Q(status=ItemStatus.CLOSED),
                then=models.Value(True),
            ),
            default=models.Value(False),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="desk_items",
    )

    # Set on the items of a queue page by selectors.QueuePage (not stored).
    overdue: bool
    # Set by services.item_submit: whether the confirmation e-mail goes out (not stored).
    confirmation_sent: bool

    class Meta:
        verbose_name = _("desk item")
        verbose_name_plural = _("desk items")
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["awaiting_response", "response_due"], name="loket_overdue_idx"),
            models.Index(fields=["is_open", "created_at"], name="loket_open_idx"),
            models.Index(fields=["assignee", "is_open"], name="loket_assignee_idx"),
            models.Index(fields=["area", "is_open", "created_at"], name="loket_area_open_idx"),
            models.Index(fields=["status"], name="loket_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("loket:item", kwargs={"reference": self.reference})

    # The queue shows fifty items (issue 13): Django's own get_FOO_display hashes the label of
    # every choice on each call; these give the same, looked up in the choices.
    def get_kind_display(self) -> str:
        return choice_label(ItemKind, self.kind)

    def get_status_display(self) -> str:
        return choice_label(ItemStatus, self.status)

    @property
    def is_overdue(self) -> bool:
        return (
            self.first_response_at is None
            and self.status != ItemStatus.CLOSED
            and timezone.localdate() > self.response_due
        )

    @property
    def reply_address(self) -> str:
        if self.anonymous:
            return ""
        if self.submitter_id and self.submitter.email:
            return self.submitter.email
        return self.contact_email

    @property
    def inform_route(self) -> str:
        """How a message reaches the person now (an ``InformBy`` value): e-mail only when
        there is an address to write to; otherwise they see it on the tracking page."""
        if self.anonymous:
            return InformBy.LINK
        if self.inform_by == InformBy.EMAIL and not self.reply_address:
            return InformBy.LINK
        return self.inform_by

    @property
    def status_tone(self) -> str:
        """The colour of the status badge (pages ask the item, they do not compare)."""
        return {ItemStatus.CLOSED: "done", ItemStatus.WAITING: "warning"}.get(self.status, "")

    @property
    def waits_for_submitter(self) -> bool:
        return self.status == ItemStatus.WAITING

    @property
    def may_become_initiative(self) -> bool:
        return self.kind in {ItemKind.IDEA, ItemKind.INITIATIVE}

    @property
    def informs_by_email(self) -> bool:
        return self.inform_route == InformBy.EMAIL

    @property
    def informs_by_phone(self) -> bool:
        return self.inform_route == InformBy.PHONE

    @property
    def informs_by_letter(self) -> bool:
        return self.inform_route == InformBy.LETTER

    @property
    def informs_on_page_only(self) -> bool:
        """Chosen e-mail, but there is no address: the tracking page is all there is."""
        return self.inform_route != self.inform_by

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def first_token(self) -> str:
        """The item's first tracking token, made again from its id and time of arrival with
        the server's key (as allauth's confirmation keys are): so the confirmation e-mail
        can be rendered when it is sent, from the item's id alone, and a repeated post gets
        the same link. Only its hash is stored; a new link (``item_new_tracking_link``) is
        random and replaces it."""
        from voorop.core.throttle import keyed

        arrived = self.created_at.astimezone(UTC).strftime("%Y%m%d%H%M%S%f")
        return keyed("tracking", f"{self.pk}:{arrived}")


def attachment_path(instance: Attachment, filename: str) -> str:
    # Never the resident's own file name on disk: it may contain anything.
    extension = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}.get(
        instance.content_type, "pdf"
    )
    return f"loket/{instance.item.reference}/{timezone.now():%Y%m%d%H%M%S%f}.{extension}"


class Attachment(models.Model):
    item = models.ForeignKey(DeskItem, on_delete=models.CASCADE, related_name="attachments")
    file = files.CheckedFileField(_("file"), kinds=files.PHOTOS_AND_PDF, folder="loket")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("received")
    REFERRED = "referred", _("referred")
    STATUS = "status", _("status changed")
    MESSAGE = "message", _("message to the submitter")
    NOTE = "note", _("internal note")
    ESCALATED = "escalated", _("escalated")
    CONVERTED = "converted", _("became an initiative")
    CLOSED = "closed", _("closed")
    REPLY = "reply", _("reply from the submitter")
    INFORMED = "informed", _("submitter informed")


class DeskItemTimelineEntry(TimelineEntry):
    """One step in an item's history. Public entries show on the tracking page."""

    # What the system says, put into words when shown (in the reader's language).
    MESSAGES = {
        "received": _("Received via: %(channel_label)s."),
        "new_tracking_link": _("A new tracking link was made; the old one no longer works."),
        "referred": _("Passed on to %(contact)s."),
        "escalated": _("Passed on to: %(level)s."),
        "informed_by_phone": _("We called you and told you this."),
        "informed_by_letter": _("We sent you a letter with this."),
        "converted": _("It is now the initiative “%(title)s”."),
    }

    item = models.ForeignKey(DeskItem, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    status = models.CharField(max_length=20, choices=ItemStatus.choices, blank=True)

    class Meta(TimelineEntry.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.item.reference} {self.kind}"

    def message_values(self) -> dict[str, Any]:
        channel = ((self.message or {}).get("params") or {}).get("channel", "")
        return {"channel_label": Channel(channel).label if channel in Channel.values else ""}

    @property
    def is_call(self) -> bool:
        return self.kind == self.Kind.CALL


class DeskTask(models.Model):
    """Something an officer must do by hand to inform the person: call them or send a
    letter with a message or the feedback. Marked done by the officer; only then does the
    timeline say the person was informed."""

    class Kind(models.TextChoices):
        CALL = "bellen", _("Call the submitter")
        LETTER = "brief", _("Send a letter")

    item = models.ForeignKey(DeskItem, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("task"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("what to pass on"), max_length=5000)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="desk_tasks",
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("desk task")
        verbose_name_plural = _("desk tasks")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["assignee", "done_at"], name="loket_task_open_idx")]

    def __str__(self) -> str:
        return f"{self.item.reference} {self.kind}"

    def message_values(self) -> dict[str, Any]:
        channel = ((self.message or {}).get("params") or {}).get("channel", "")
        return {"channel_label": Channel(channel).label if channel in Channel.values else ""}

    @property
    def is_call(self) -> bool:
        return self.kind == self.Kind.CALL


class RecentPost(models.Model):
    """A fingerprint of a form just sent (see voorop.loket.double_post): two identical posts
    at the same moment make one object, not two. Only a keyed hash is stored."""

    scope = models.CharField(max_length=50)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # What the first post made (a desk item's reference), for the second to point to.
    result = models.CharField(max_length=50, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "digest"], name="loket_recent_post_once")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"
