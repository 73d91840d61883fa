"""A snapshot as a file: CSV, OpenDocument spreadsheet (ODS, written with the standard
library: a zip with four XML parts) and the printable half-year report (PDF, via
core.letters.render_pdf and weasyprint)."""

from __future__ import annotations

import csv
import io
import zipfile
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from voorop.core.letters import render_pdf
from voorop.monitoring import charts, selectors
from voorop.monitoring.models import Snapshot


def snapshot_rows(snapshot: Snapshot) -> list[list[object]]:
    """A header and one row per indicator and area: the values as recorded."""
    header = [
        _("half-year"),
        _("indicator"),
        _("key"),
        _("area"),
        _("value"),
        _("unit"),
        _("numerator"),
        _("denominator"),
        _("text"),
        _("source"),
        _("how it is measured"),
    ]
    rows: list[list[object]] = [header]
    for value in snapshot.values.all():
        rows.append(
            [
                snapshot.period_key,
                value.shown_name,
                value.indicator_key,
                value.area_name,
                value.value if value.value is not None else "",
                value.unit,
                value.numerator if value.numerator is not None else "",
                value.denominator if value.denominator is not None else "",
                value.text,
                value.source,
                value.shown_formula,
            ]
        )
    return rows


def _safe_cell(cell: object) -> object:
    """No formula injection when the CSV is opened in a spreadsheet."""
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@"):
        return "'" + cell
    return cell


def snapshot_csv(snapshot: Snapshot) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in snapshot_rows(snapshot):
        writer.writerow([_safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


_NS = "urn:oasis:names:tc:opendocument:xmlns"
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<manifest:manifest xmlns:manifest="{_NS}:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<office:document-content xmlns:office="{_NS}:office:1.0" '
    f'xmlns:table="{_NS}:table:1.0" xmlns:text="{_NS}:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="{name}">{rows}'
    "</table:table></office:spreadsheet></office:body></office:document-content>"
)


def _ods_cell(cell: object) -> str:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return (
            f'<table:table-cell office:value-type="float" office:value="{cell}">'
            f"<text:p>{cell}</text:p></table:table-cell>"
        )
    return (
        '<table:table-cell office:value-type="string">'
        f"<text:p>{escape(str(cell))}</text:p></table:table-cell>"
    )


def snapshot_ods(snapshot: Snapshot) -> bytes:
    rows = "".join(
        "<table:table-row>" + "".join(_ods_cell(c) for c in row) + "</table:table-row>"
        for row in snapshot_rows(snapshot)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The mimetype comes first and is not compressed (OpenDocument 1.2, part 3, 3.3).
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(
            "content.xml",
            CONTENT.format(name=escape(snapshot.period_key, {'"': "&quot;"}), rows=rows),
            compress_type=zipfile.ZIP_DEFLATED,
        )
    return buffer.getvalue()


def snapshot_pdf(snapshot: Snapshot) -> bytes:
    """The half-year report for the council: every indicator with its definition, chart
    and table per area."""
    table = selectors.snapshot_table(snapshot)
    for index, row in enumerate(table):
        bars = [(v.area_name, v.value) for v in row["values"]]
        row["chart"] = (
            charts.bar_chart(row["name"], bars, row["unit"], chart_id=f"pdf-chart-{index}")
            if any(v is not None for _n, v in bars)
            else None
        )
        for value in row["values"]:
            value.shown = charts.format_value(value.value, row["unit"])
    return render_pdf("monitoring/report_pdf.html", {"snapshot": snapshot, "table": table})
