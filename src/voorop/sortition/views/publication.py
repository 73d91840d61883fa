"""Publication: publishing the report, and the public report with its chart, the changes to
the group and the files to recompute the draw."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.core import cache, page_cache
from voorop.core.forms import posted
from voorop.sortition import forms, selectors, services, texts
from voorop.sortition.models import Assembly
from voorop.sortition.views._common import csv_download, get_assembly, login_or_403


@require_POST
@login_or_403
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_assembly(request, pk, "sortition.publish_report")
    form = forms.PublishForm(posted(request))
    form.is_valid()  # a checkbox: always valid
    services.report_publish(
        actor=request.user,
        assembly=assembly,
        publish_pool_file=form.cleaned_data.get("publish_pool_file", False),
    )
    messages.success(request, _("The report has been published."))
    return redirect("sortition:report", pk=assembly.pk)


def _published(request: HttpRequest, pk: int) -> Assembly:
    """The assembly with its report, or 404 while the report is not published."""
    assembly = get_object_or_404(Assembly.objects.select_related("report"), pk=pk)
    if not request.user.has_perm("sortition.view_report", assembly):
        raise Http404(_("This report has not been published yet."))
    return assembly


@page_cache.for_visitors(
    "sortition.report",
    parts=lambda request, pk: (cache.version(selectors.REPORT_PAGE, pk),),
    page_params=(),
)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _published(request, pk)
    the_report = assembly.report
    data = the_report.data
    probabilities = data.get("probabilities", [])
    file_digest = selectors.report_file_digest(the_report)
    return render(
        request,
        "sortition/report.html",
        {
            "assembly": assembly,
            "report": the_report,
            "changes": [texts.change_text(r) for r in assembly.replacements.all()],
            "panel_ids": data.get("panel", []),
            "reserve_ids": data.get("reserves", []),
            "file_digest": file_digest,
            "digest_ok": bool(file_digest) and file_digest == the_report.pool_digest,
            "command": selectors.recompute_command(the_report) if the_report.pool_file else "",
            "pool_filename": selectors.pool_filename(assembly),
            "categories_filename": selectors.categories_filename(assembly),
            "features": _report_features(data.get("features", []), assembly.panel_size),
            "summary": data.get("summary", {}),
            "probabilities": probabilities,
            "chances": selectors.chance_spread(data),
            "curve": _curve(probabilities),
            "buckets": _buckets(probabilities),
            "method": texts.method_text(the_report.algorithm),
            **_registration_history(data.get("registration") or {}),
        },
    )


def _registration_history(data: dict[str, Any]) -> dict[str, Any]:
    """When registration closed and every reopening, as dates for the report."""

    def when(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text) if text else None

    return {
        "registration_closed_at": when(data.get("closed_at")),
        "reopenings": [
            {
                "closed_at": when(r["closed_at"]),
                "reopened_at": when(r["reopened_at"]),
                "discarded": r.get("discarded", 0),
            }
            for r in data.get("reopenings", [])
        ],
    }


def report_pool_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The anonymised pool of the draw (pseudonyms and features), while it is published."""
    assembly = _published(request, pk)
    if not assembly.report.pool_file:
        raise Http404(_("The file with the registrations is not published."))
    return csv_download(assembly.report.pool_file, selectors.pool_filename(assembly))


def report_categories_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The quotas of the draw, in the engine's categories format."""
    assembly = _published(request, pk)
    if not assembly.report.categories_file:
        raise Http404(_("The file with the quotas is not published."))
    return csv_download(assembly.report.categories_file, selectors.categories_filename(assembly))


def _bar(value: float | None, total: float) -> int:
    if not value or not total:
        return 0
    return min(100, round(value / total * 20) * 5)


def _report_features(features: list[dict[str, Any]], panel_size: int) -> list[dict[str, Any]]:
    out = []
    for feature in features:
        rows = []
        for row in feature["rows"]:
            expected = row["share"] * panel_size if row.get("share") is not None else None
            rows.append(
                {
                    **row,
                    "expected": expected,
                    "bar": _bar(row["panel"], panel_size),
                    "expected_bar": _bar(expected, panel_size),
                    "within": row["min"] is None or row["min"] <= row["panel"] <= row["max"],
                }
            )
        out.append({"name": feature["name"], "rows": rows})
    return out


# The chance chart (report.html): the plot area inside the SVG's viewBox of 460 x 250, with
# room on the left for the chance axis and below for the residents axis.
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 60, 450, 12, 200


def _curve(probabilities: list[float]) -> dict[str, Any]:
    """The sorted chances as an SVG polyline in the plot area, with the axes' tick values:
    the chance axis from 0 to the highest chance (in percent), the residents axis from the
    first to the last resident."""
    if not probabilities:
        return {"points": "", "top": 0.0, "count": 0}
    top = max(probabilities) or 1.0
    n = len(probabilities)
    width, height = PLOT_RIGHT - PLOT_LEFT, PLOT_BOTTOM - PLOT_TOP
    points = []
    for i, p in enumerate(probabilities):
        x = PLOT_LEFT + width * (i / (n - 1) if n > 1 else 0.5)
        y = PLOT_BOTTOM - height * p / top
        points.append(f"{x:.1f},{y:.1f}")
    return {"points": " ".join(points), "top": 100 * top, "count": n}


def _buckets(probabilities: list[float]) -> list[dict[str, Any]]:
    """How many respondents had a chance in each band of 10 percentage points."""
    bands = [0] * 10
    for p in probabilities:
        bands[min(9, int(p * 10))] += 1
    most = max(bands) or 1
    return [
        {"low": i * 10, "high": (i + 1) * 10, "count": c, "bar": _bar(c, most)}
        for i, c in enumerate(bands)
        if c or i == 0
    ]
