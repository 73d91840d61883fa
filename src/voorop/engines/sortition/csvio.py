"""Reading pools and quotas from CSV.

People: one row per respondent, an id column, one column per feature (other columns such as
names and addresses are kept but ignored by the algorithms).

Quotas, two layouts:
  * sortition-algorithms: ``feature,value,min,max[,min_flex,max_flex]``
  * the Sortition Foundation's stratification app (OpenDLP): ``category,name,...,min,max``
    (extra columns such as "suggest min" or "Current #" are ignored).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from .model import Person, Pool, PoolError, Quota

Source = str | Path | TextIO


def _rows(source: Source) -> tuple[list[str], list[dict[str, str]]]:
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        with open(source, newline="", encoding="utf-8-sig") as handle:
            return _rows(io.StringIO(handle.read()))
    stream: TextIO = io.StringIO(source) if isinstance(source, str) else source
    reader = csv.DictReader(stream)
    header = [h.strip() for h in (reader.fieldnames or [])]
    rows = []
    for raw in reader:
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if any(row.values()):
            rows.append(row)
    return header, rows


def _column(header: Sequence[str], *names: str) -> str | None:
    lowered = {h.casefold(): h for h in header}
    for name in names:
        if name.casefold() in lowered:
            return lowered[name.casefold()]
    return None


def _int(row: dict[str, str], column: str | None, line: int, *, default: int | None = None) -> int:
    if column is None or row.get(column, "") == "":
        if default is not None:
            return default
        raise PoolError(f"Quota line {line}: missing value in column {column!r}.")
    text = row[column]
    try:
        value = float(text)
    except ValueError:
        raise PoolError(f"Quota line {line}: {column}={text!r} is not a number.") from None
    if value != int(value) or value < 0:
        raise PoolError(f"Quota line {line}: {column}={text!r} is not a whole number >= 0.")
    return int(value)


def read_quotas_csv(source: Source) -> tuple[Quota, ...]:
    """Quotas from a file path, CSV text (containing a newline) or an open text file."""
    header, rows = _rows(source)
    feature = _column(header, "feature", "category")
    value = _column(header, "value", "name")
    low = _column(header, "min")
    high = _column(header, "max")
    if feature is None or value is None or low is None or high is None:
        raise PoolError(
            "The quota file needs columns feature,value,min,max (or category,name,...,min,max); "
            f"found {', '.join(header)}."
        )
    low_flex = _column(header, "min_flex")
    high_flex = _column(header, "max_flex")
    quotas = []
    for line, row in enumerate(rows, start=2):
        if not row.get(feature) or not row.get(value):
            continue
        quotas.append(
            Quota(
                feature=row[feature],
                value=row[value],
                min=_int(row, low, line),
                max=_int(row, high, line),
                min_flex=_int(row, low_flex, line) if low_flex and row.get(low_flex) else None,
                max_flex=_int(row, high_flex, line) if high_flex and row.get(high_flex) else None,
            )
        )
    if not quotas:
        raise PoolError("The quota file has no quota rows.")
    return tuple(quotas)


def read_people_csv(
    source: Source,
    *,
    id_column: str,
    feature_columns: Iterable[str] | None = None,
    household_column: str | None = None,
) -> Pool:
    """A pool from a file path, CSV text or open file.

    feature_columns: keep only these columns as features (default: every column except the
    id and household columns). Column names are matched case-insensitively.
    """
    header, rows = _rows(source)
    id_col = _column(header, id_column)
    if id_col is None:
        raise PoolError(f"The people file has no id column {id_column!r}.")
    hh_col = None
    if household_column:
        hh_col = _column(header, household_column)
        if hh_col is None:
            raise PoolError(f"The people file has no household column {household_column!r}.")
    if feature_columns is None:
        keep = [h for h in header if h not in (id_col, hh_col)]
    else:
        keep = []
        for name in feature_columns:
            col = _column(header, name)
            if col is None:
                raise PoolError(f"The people file has no column for feature {name!r}.")
            keep.append(col)
    people = []
    for line, row in enumerate(rows, start=2):
        pid = row.get(id_col, "")
        if not pid:
            raise PoolError(f"People line {line}: empty id.")
        people.append(
            Person(
                id=pid,
                features={c: row.get(c, "") for c in keep},
                household=(row.get(hh_col) or None) if hh_col else None,
            )
        )
    return Pool(tuple(people))


def quota_features(quotas: Iterable[Quota]) -> list[str]:
    """Distinct feature names in first-seen order."""
    seen: dict[str, str] = {}
    for q in quotas:
        seen.setdefault(q.feature.casefold(), q.feature)
    return list(seen.values())
