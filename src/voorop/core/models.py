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
