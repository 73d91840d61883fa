"""Downloads of a snapshot: CSV, ODS and the printable half-year report (PDF)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from voorop.monitoring import exports
from voorop.monitoring.views.public import _snapshot


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def snapshot_csv(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = _snapshot(request, pk)
    return _download(
        exports.snapshot_csv(snapshot),
        "text/csv; charset=utf-8",
        f"peilmoment-{snapshot.period_key}-{snapshot.pk}.csv",
    )


def snapshot_ods(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = _snapshot(request, pk)
    return _download(
        exports.snapshot_ods(snapshot),
        "application/vnd.oasis.opendocument.spreadsheet",
        f"peilmoment-{snapshot.period_key}-{snapshot.pk}.ods",
    )


def snapshot_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = _snapshot(request, pk)
    return _download(
        exports.snapshot_pdf(snapshot),
        "application/pdf",
        f"halfjaarrapportage-{snapshot.period_key}-{snapshot.pk}.pdf",
    )
