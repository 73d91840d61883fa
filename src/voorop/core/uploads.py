"""Uploaded files (photos, PDF): checked by their content, not by what the browser claims.

`UploadField` is a form field that accepts only the allowed kinds, up to a size limit, with
a clear message in the user's language.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Sum
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str
    label: str


PHOTO_KINDS = (
    FileKind("image/jpeg", "jpg", "JPG"),
    FileKind("image/png", "png", "PNG"),
    FileKind("image/webp", "webp", "WebP"),
)
PDF_KIND = FileKind("application/pdf", "pdf", "PDF")
CSV_KIND = FileKind("text/csv", "csv", "CSV")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def sniff_content_type(head: bytes) -> str | None:
    """The real type of a file from its first bytes, for the kinds Voorop accepts."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def detect_kind(upload: UploadedFile, kinds: tuple[FileKind, ...]) -> FileKind | None:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(position)
    sniffed = sniff_content_type(head)
    for kind in kinds:
        if kind.content_type == sniffed:
            return kind
        if kind.content_type == "text/csv" and sniffed is None and _looks_like_text(head):
            return kind
    return None


class UploadField(forms.FileField):
    def __init__(
        self,
        *,
        kinds: tuple[FileKind, ...] = (*PHOTO_KINDS, PDF_KIND),
        max_bytes: int = DEFAULT_MAX_BYTES,
        **kwargs,
    ) -> None:
        self.kinds = kinds
        self.max_bytes = max_bytes
        kwargs.setdefault(
            "help_text",
            _("%(kinds)s, at most %(size)s.")
            % {"kinds": ", ".join(k.label for k in kinds), "size": filesizeformat(max_bytes)},
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault(
            "accept",
            ",".join(k.content_type for k in kinds if k.content_type != "text/csv")
            or ".csv,text/csv",
        )

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return upload
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                _("The file %(name)s is %(size)s. The maximum is %(max)s."),
                code="too_big",
                params={
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(self.max_bytes),
                },
            )
        kind = detect_kind(upload, self.kinds)
        if kind is None:
            raise forms.ValidationError(
                _("The file %(name)s is not a %(kinds)s file. Choose another file."),
                code="wrong_kind",
                params={"name": upload.name, "kinds": " / ".join(k.label for k in self.kinds)},
            )
        upload.detected_content_type = kind.content_type
        return upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleUploadField(UploadField):
    """Several files in one field; each is checked like UploadField."""

    widget = MultipleFileInput

    def __init__(self, *, max_files: int = 5, **kwargs) -> None:
        self.max_files = max_files
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise forms.ValidationError(
                _("Choose at most %(count)s files."), params={"count": self.max_files}
            )
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(UploadField.clean(self, upload, initial))
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            # The files that did pass are kept by the view (see keep_uploads).
            self.accepted_before_error = cleaned
            raise forms.ValidationError(errors)
        return cleaned


@dataclass(frozen=True)
class KeptFile:
    token: str
    name: str
    content_type: str
    size: int


# Kept files of a form with an error: at most this many per client (one desk form's worth)
# and this many bytes for everyone together, for KEPT_FOR. Past a bound the file is simply
# not kept and the resident is told to choose it again: nothing else is lost.
KEPT_PER_CLIENT = 5
KEPT_TOTAL_BYTES = 200 * 1024 * 1024
KEPT_FOR = timedelta(days=1)


def discard_stale_uploads() -> int:
    """Delete kept files older than KEPT_FOR, rows and stored files both; return how many.
    Run on every keep and by the maintenance job `core.prune_pending_uploads`."""
    from voorop.core.models import PendingUpload

    stale = PendingUpload.objects.filter(created_at__lt=timezone.now() - KEPT_FOR)
    count = 0
    for pending in stale:
        pending.file.delete(save=False)
        pending.delete()
        count += 1
    return count


def _claim(request: HttpRequest, client: str, upload: UploadedFile):
    """A row for the file, written before it is counted (as in voorop.core.throttle): a burst
    of parallel posts cannot all pass the bound before any is recorded. None when over."""
    from voorop.core.models import PendingUpload

    pending = PendingUpload.objects.create(
        token=secrets.token_hex(16),
        session_key=request.session.session_key,
        client_hash=client,
        original_name=upload.name[:255],
        content_type=getattr(upload, "detected_content_type", upload.content_type),
        size=upload.size,
    )
    recent = PendingUpload.objects.filter(created_at__gte=timezone.now() - KEPT_FOR)
    mine = recent.filter(client_hash=client).count()
    total = recent.aggregate(total=Sum("size"))["total"] or 0
    if mine > KEPT_PER_CLIENT or total > KEPT_TOTAL_BYTES:
        pending.delete()
        return None
    return pending


def keep_uploads(request: HttpRequest, uploads: list[UploadedFile]) -> list[KeptFile]:
    """Store accepted files of a form that must be shown again; return what was kept.

    Call outside a transaction (see `_claim`). A file over a bound is not kept; the page
    then says so (a message) and the resident chooses it again.
    """
    from voorop.core import throttle

    if not request.session.session_key:
        request.session.save()
    discard_stale_uploads()
    client = throttle.client_key(request)
    kept, refused = [], []
    for upload in uploads:
        pending = _claim(request, client, upload)
        if pending is None:
            refused.append(upload.name)
            continue
        upload.seek(0)
        try:
            pending.file.save(pending.token, ContentFile(upload.read()), save=True)
        except Exception:
            pending.delete()
            raise
        kept.append(
            KeptFile(pending.token, pending.original_name, pending.content_type, pending.size)
        )
    if refused:
        messages.warning(
            request,
            _(
                "We could not keep %(names)s for you: too many files are waiting to be sent. "
                "Choose the file again when you send the form."
            )
            % {"names": ", ".join(refused)},
            fail_silently=True,
        )
    return kept


def kept_uploads(request: HttpRequest, tokens: list[str]) -> list:
    """The session's own pending uploads among `tokens` (others are ignored)."""
    from voorop.core.models import PendingUpload

    if not tokens or not request.session.session_key:
        return []
    return list(
        PendingUpload.objects.filter(token__in=tokens, session_key=request.session.session_key)
    )
