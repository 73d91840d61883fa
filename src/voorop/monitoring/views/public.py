"""Pages everyone sees: the dashboard of a programme (charts over the half-years with the
numbers in a table, per area), the snapshot archive, a snapshot, the comparison of two
snapshots, the experiments and their lessons."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from voorop.core.pagination import page_of
from voorop.monitoring import charts, selectors
from voorop.monitoring.forms import DashboardFilterForm, LessonSearchForm
from voorop.monitoring.models import Snapshot


def _charts(series: list[selectors.Series]) -> list[dict]:
    out = []
    for index, entry in enumerate(series):
        rows = [
            {"label": label, "value": charts.format_value(value, entry.unit), "text": text}
            for _key, value, label, text in entry.text_points
        ]
        out.append(
            {
                "series": entry,
                "rows": rows,
                "chart": charts.bar_chart(
                    entry.name,
                    [(label, value) for _key, value, label in entry.points],
                    entry.unit,
                    chart_id=f"chart-{index}",
                )
                if entry.has_values
                else None,
            }
        )
    return out


def dashboard(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    programme = selectors.dashboard_programme(request.user, pk)
    if pk is not None and programme is None:
        raise Http404
    form = DashboardFilterForm(request.GET or None)
    area = form.cleaned_data.get("area") if form.is_valid() else None
    series = selectors.series(programme, area) if programme else []
    snapshots = selectors.latest_per_period(programme) if programme else []
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "programme": programme,
            "programmes": selectors.programmes_visible_to(request.user),
            "form": form,
            "area": area,
            "charts": _charts(series),
            "latest": snapshots[-1] if snapshots else None,
        },
    )


def archive(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.snapshots_archive(request.user))
    return render(request, "monitoring/archive.html", {"page": page, "snapshots": page.object_list})


def _snapshot(request: HttpRequest, pk: int) -> Snapshot:
    snapshot = get_object_or_404(selectors.snapshots_done(), pk=pk)
    if not request.user.has_perm("monitoring.view_programme", snapshot.programme):
        raise PermissionDenied("monitoring.view_programme")
    return snapshot


def snapshot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = _snapshot(request, pk)
    table = selectors.snapshot_table(snapshot)
    for index, row in enumerate(table):
        bars = [(v.area_name, v.value) for v in row["values"]]
        row["chart"] = (
            charts.bar_chart(row["name"], bars, row["unit"], chart_id=f"area-chart-{index}")
            if any(v is not None for _n, v in bars)
            else None
        )
        for value in row["values"]:
            value.shown = charts.format_value(value.value, row["unit"])
    others = selectors.snapshots_archive(request.user, snapshot.programme).exclude(pk=snapshot.pk)
    return render(
        request,
        "monitoring/snapshot.html",
        {"snapshot": snapshot, "table": table, "others": others[:20]},
    )


def compare(request: HttpRequest) -> HttpResponse:
    try:
        first_pk, second_pk = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        first_pk = second_pk = 0
    first = selectors.snapshots_done().filter(pk=first_pk).first()
    second = selectors.snapshots_done().filter(pk=second_pk).first()
    rows = []
    if first and second:
        for snapshot in (first, second):
            if not request.user.has_perm("monitoring.view_programme", snapshot.programme):
                raise PermissionDenied("monitoring.view_programme")
        if first.period_key > second.period_key:
            first, second = second, first
        rows = selectors.comparison(first, second)
        for row in rows:
            row["before_shown"] = charts.format_value(
                row["before"].value if row["before"] else None, row["unit"]
            )
            row["after_shown"] = charts.format_value(
                row["after"].value if row["after"] else None, row["unit"]
            )
            row["change_shown"] = (
                charts.format_value(row["change"], row["unit"]) if row["change"] is not None else ""
            )
    return render(
        request,
        "monitoring/compare.html",
        {
            "first": first,
            "second": second,
            "rows": rows,
            "snapshots": selectors.snapshots_archive(request.user)[:50],
        },
    )


def lessons(request: HttpRequest) -> HttpResponse:
    form = LessonSearchForm(request.GET or None)
    search = form.cleaned_data.get("q", "") if form.is_valid() else ""
    page = page_of(request, selectors.lessons_search(search))
    experiments = page_of(request, selectors.experiments()) if not search else None
    return render(
        request,
        "monitoring/lessons.html",
        {
            "form": form,
            "search": search,
            "page": page,
            "lessons": page.object_list,
            "experiments": experiments.object_list if experiments else [],
        },
    )


def experiment(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.experiment(pk)
    if initiative is None:
        raise Http404
    indicators = list(selectors.experiment_indicators(initiative))
    page = page_of(request, selectors.lessons_of(initiative))
    may_log = request.user.has_perm("monitoring.keep_learning_log", initiative)
    return render(
        request,
        "monitoring/experiment.html",
        {
            "initiative": initiative,
            "indicators": indicators,
            "page": page,
            "lessons": page.object_list,
            "may_log": may_log,
        },
    )
