"""Files residents and staff upload: stored under names the server chooses, served only
through views that check permission.

- `CheckedFileField` (a model field) checks every file again by its content when it is
  stored, whatever called `save()`, and stores it as ``<folder>/<year>/<random>.<ext>``
  with the extension of the type found (`checked_upload`). The resident's own file name
  never reaches the disk.
- `serve_file` sends a stored file: the type is read from its first bytes again (so files
  stored before this check are safe too), always with ``Content-Disposition: attachment``
  (``inline`` only for an image that passed the check), ``X-Content-Type-Options: nosniff``
  and a sandboxing Content-Security-Policy, never as HTML. In production the web server
  sends the bytes (``VOOROP_FILE_SERVING``: X-Accel-Redirect for nginx, X-Sendfile for
  Apache); /media/ itself is never served.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from voorop.core.uploads import PDF_KIND, PHOTO_KINDS, FileKind, sniff_content_type

KINDS: dict[str, FileKind] = {kind.content_type: kind for kind in (*PHOTO_KINDS, PDF_KIND)}
PHOTOS = tuple(kind.content_type for kind in PHOTO_KINDS)
PHOTOS_AND_PDF = (*PHOTOS, PDF_KIND.content_type)
PDF = (PDF_KIND.content_type,)
UNKNOWN = "application/octet-stream"
SERVING_MODES = ("django", "x-accel-redirect", "x-sendfile")


def kind_of(handle: Any) -> FileKind | None:
    """The checked kind of an open file from its first bytes (position kept), or None."""
    position = handle.tell() if hasattr(handle, "tell") else 0
    handle.seek(0)
    head = handle.read(2048)
    handle.seek(position)
    sniffed = sniff_content_type(head if isinstance(head, bytes) else head.encode())
    return KINDS.get(sniffed or "")


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the check again: its content under a name of our choosing."""

    content: File
    content_type: str
    extension: str


def checked_upload(upload: Any, *, kinds: Iterable[str] = PHOTOS_AND_PDF) -> CheckedFile:
    """Check `upload` (an UploadedFile, ContentFile or File) by its content, not by its name
    or the browser's claim; raise ValidationError (Dutch, plain) if it is none of `kinds`.

    The returned content is named ``upload.<ext>``, the extension of the type found; the
    storage location comes from the field's `ServerName`.
    """
    allowed = tuple(kinds)
    kind = kind_of(upload)
    if kind is None or kind.content_type not in allowed:
        labels = " / ".join(KINDS[t].label for t in allowed if t in KINDS)
        raise ValidationError(
            _("This file is not a %(kinds)s file. Choose another file.") % {"kinds": labels},
            code="wrong_kind",
        )
    file = upload if isinstance(upload, File) else File(upload)
    file.name = f"upload.{kind.extension}"
    return CheckedFile(content=file, content_type=kind.content_type, extension=kind.extension)


@deconstructible
class ServerName:
    """``upload_to`` for user files: ``<folder>/<year>/<random>.<ext>``.

    The extension is the one `checked_upload` chose; any other name the caller passed is
    thrown away (a file of an unknown type would get ``.bin``).
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: models.Model, filename: str) -> str:
        extension = filename.rpartition(".")[2].lower() if "." in filename else ""
        if extension not in {kind.extension for kind in KINDS.values()}:
            extension = "bin"
        return f"{self.folder}/{timezone.now():%Y}/{secrets.token_hex(16)}.{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


class CheckedFieldFile(FieldFile):
    field: CheckedFileField

    def save(self, name: str, content: Any, save: bool = True) -> None:
        checked = checked_upload(content, kinds=self.field.kinds)
        self.content_type = checked.content_type
        super().save(checked.content.name, checked.content, save=save)


class CheckedFileField(models.FileField):
    """A FileField that stores only files of `kinds` (content types, checked by content),
    under a server-chosen name in `folder`."""

    attr_class = CheckedFieldFile

    def __init__(
        self,
        *args: Any,
        kinds: Iterable[str] = PHOTOS_AND_PDF,
        folder: str = "files",
        **kwargs: Any,
    ) -> None:
        self.kinds = tuple(kinds)
        self.folder = folder
        kwargs["upload_to"] = ServerName(folder)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("upload_to", None)
        kwargs["kinds"] = self.kinds
        kwargs["folder"] = self.folder
        return name, path, args, kwargs


def download_name(filename: str, kind: FileKind | None) -> str:
    """`filename` with the extension of the type found (``.bin`` for an unknown type)."""
    base, dot, _extension = filename.strip().rpartition(".")
    base = (base if dot else filename.strip()) or "bestand"
    return f"{base}.{kind.extension if kind else 'bin'}"


def serve_file(
    request: HttpRequest, field_file: FieldFile, *, filename: str, inline: bool = False
) -> HttpResponse:
    """Send a stored user file; the caller has checked the permission already.

    `inline` is honoured only for an image whose content is an image; everything else is a
    download. The type is always the one read from the content (never text/html).
    """
    if not field_file:
        raise Http404
    handle = field_file.open("rb")
    kind = kind_of(handle)
    content_type = kind.content_type if kind else UNKNOWN
    show_inline = inline and kind is not None and content_type in PHOTOS
    name = download_name(filename, kind)
    mode = getattr(settings, "VOOROP_FILE_SERVING", "django")
    response: HttpResponse
    if mode == "django":
        response = FileResponse(
            handle, content_type=content_type, as_attachment=not show_inline, filename=name
        )
    else:
        handle.close()
        response = HttpResponse(content_type=content_type)
        disposition = content_disposition_header(not show_inline, name)
        if disposition:
            response["Content-Disposition"] = disposition
        if mode == "x-accel-redirect":
            prefix = getattr(settings, "VOOROP_FILE_ACCEL_PREFIX", "/internal-media/")
            response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
        else:
            response["X-Sendfile"] = field_file.path
    response["X-Content-Type-Options"] = "nosniff"
    # Even opened directly, the file can run nothing and load nothing on our origin.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600" if show_inline else "private, no-store"
    return response


@checks.register(checks.Tags.security)
def check_file_serving(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    mode = getattr(settings, "VOOROP_FILE_SERVING", "django")
    if mode not in SERVING_MODES:
        return [
            checks.Error(
                f"VOOROP_FILE_SERVING={mode!r} is not one of {', '.join(SERVING_MODES)}.",
                id="voorop.E002",
            )
        ]
    return []
