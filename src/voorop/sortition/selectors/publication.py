"""The published files: their names, the fingerprint they give when read back with the engine
(as anyone would), and the command line that recomputes the draw from them.
"""

from __future__ import annotations

import hashlib
import shlex
import statistics
from typing import Any

from django.core.cache import cache

from voorop.engines import sortition as engine
from voorop.sortition.models import Assembly, Report

# The version of an assembly's public report page (voorop.core.cache.version, with the
# assembly's id): renewed by the services that publish the report, record a replacement or
# delete the pool file (decision 0015).
REPORT_PAGE = "sortition.report"

# Chances closer than this (0.1 percentage point) count as the same chance.
EQUAL_WITHIN = 0.001


def chance_spread(data: dict[str, Any]) -> dict[str, Any]:
    """What the report can truthfully say about the chances, computed from them (each
    resident's chance is the sum of the probabilities of the panels they are in): whether
    everyone had the same chance, and else the lowest and highest and which feature values
    had, on average, a clearly higher or lower chance than the average. In percent."""
    probabilities = [float(p) for p in data.get("probabilities", [])]
    if not probabilities:
        return {"equal": True, "chance": 0.0, "higher": [], "lower": []}
    low, high = min(probabilities), max(probabilities)
    mean = statistics.fmean(probabilities)
    if high - low < EQUAL_WITHIN:
        return {"equal": True, "chance": 100 * mean, "higher": [], "lower": []}
    margin = max(EQUAL_WITHIN, 0.1 * mean)  # a tenth of the average, at least 0.1 point
    higher, lower = [], []
    for feature in data.get("features", []):
        for row in feature.get("rows", []):
            average = row.get("p_mean")
            if average is None:
                continue
            entry = {"feature": feature["name"], "value": row["value"], "chance": 100 * average}
            if average - mean >= margin:
                higher.append(entry)
            elif mean - average >= margin:
                lower.append(entry)
    return {
        "equal": False,
        "min": 100 * low,
        "mean": 100 * mean,
        "max": 100 * high,
        "higher": sorted(higher, key=lambda e: -e["chance"]),
        "lower": sorted(lower, key=lambda e: e["chance"]),
    }


def pool_filename(assembly: Assembly) -> str:
    return f"aanmeldingen-{assembly.pk}.csv"


def categories_filename(assembly: Assembly) -> str:
    return f"quota-{assembly.pk}.csv"


def files_digest(
    pool_text: str, categories_text: str, *, id_column: str, household_column: str, panel_size: int
) -> str:
    """The fingerprint of a pool file and a quota file, read with the engine as anyone
    would (raises the engine's SortitionError if they cannot be read)."""
    quotas = engine.read_quotas_csv(categories_text)
    pool = engine.read_people_csv(
        pool_text,
        id_column=id_column,
        feature_columns=engine.quota_features(quotas),
        household_column=household_column or None,
    )
    return engine.pool_digest(pool, quotas, panel_size=panel_size)


def report_file_digest(report: Report) -> str:
    """The fingerprint of the published pool and quota files, read back with the engine as
    anyone would: equal to `report.pool_digest` when the files hold exactly what the draw
    was computed from. Cached: the files never change."""
    if not report.pool_file:
        return ""
    content = hashlib.sha256(f"{report.pool_file}\0{report.categories_file}".encode())
    key = f"sortition:file-digest:{report.pk}:{content.hexdigest()}"
    digest = cache.get(key)
    if digest is None:
        columns = report.data.get("recompute", {})
        try:
            digest = files_digest(
                report.pool_file,
                report.categories_file,
                id_column=columns.get("id_column", ""),
                household_column=columns.get("household_column", ""),
                panel_size=report.data.get("summary", {}).get("panel_size"),
            )
        except engine.SortitionError:
            digest = ""
        cache.set(key, digest, 24 * 3600)
    return digest


def recompute_command(report: Report) -> str:
    """The command line that recomputes the draw from the published files."""
    assembly = report.assembly
    columns = report.data.get("recompute", {})
    parts = [
        "voorop sortition select",
        f"--people {pool_filename(assembly)}",
        f"--categories {categories_filename(assembly)}",
        f"--id-column {shlex.quote(columns.get('id_column', ''))}",
        f"--panel-size {report.data.get('summary', {}).get('panel_size')}",
        f"--algorithm {report.algorithm}",
        f"--seed {shlex.quote(report.seed)}",
    ]
    if columns.get("household_column"):
        parts.append(f"--household-column {shlex.quote(columns['household_column'])}")
    if report.data.get("reserves"):
        parts.append(f"--reserves {len(report.data['reserves'])}")
    parts.append("--format json")
    return " ".join(parts)
