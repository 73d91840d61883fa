from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who did what to which object, and when. Written by services, never edited."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"


def pending_upload_path(instance: PendingUpload, filename: str) -> str:
    return f"pending/{instance.token}"


class PendingUpload(models.Model):
    """A file that passed its checks while another field of the form did not.

    Kept for the same browser session so the resident need not choose it again; claimed
    (moved to its real home) when the form is finally sent, and removed after a day. Bounded
    per client and in total (`voorop.core.uploads.keep_uploads`).
    """

    token = models.CharField(max_length=32, unique=True)
    session_key = models.CharField(max_length=64, db_index=True)
    # Keyed hash of the client's address (voorop.core.throttle.client_key), for the bound.
    client_hash = models.CharField(max_length=64, blank=True, db_index=True)
    file = models.FileField(upload_to=pending_upload_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.original_name


class FailedAttempt(models.Model):
    """A wrong guess of a one-time code (or another secret), counted per client to slow down
    guessing; see `voorop.core.throttle`. The client is a keyed hash of its IP address, never
    the address itself, and the rows are deleted after a day."""

    scope = models.CharField(max_length=50)
    client_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["scope", "client_hash", "created_at"], name="core_attempt_lookup")
        ]

    def __str__(self) -> str:
        return f"{self.scope}: failed at {self.created_at:%Y-%m-%d %H:%M}"


class OutgoingMail(models.Model):
    """The outbox (voorop.core.mail): a mail to send, written in the transaction of the change
    it is about, as a kind and ids (never its text). A task sends it after the commit; the
    worker's sweep sends the ones whose task never came (the process died in between)."""

    kind = models.CharField(max_length=100)
    ids = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    # When a task for it was last enqueued (after the commit, or by the sweep).
    enqueued_at = models.DateTimeField(null=True, blank=True)
    # A sender holds the mail until then; another may only take it over afterwards.
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set when it was given up on (attempts used up); the error has no mail text.
    failed_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"],
                name="core_outgoing_unsent",
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class TaskWorker(models.Model):
    """A running task worker, seen alive at ``seen_at`` (voorop.core.tasks.requeue_dead):
    a task left RUNNING by a worker that is no longer seen goes back to the queue."""

    worker_id = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.worker_id
