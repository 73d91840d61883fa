"""sortition-algorithms (GPL-3.0) as an oracle: its inputs read from our CSV files.

Used by the oracle tests and by benchmarks/bench_sortition.py; never by the engine.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any


def library_run(
    people_csv: Path | str, quota_csv: Path | str, id_column: str, k: int, algorithm: str
) -> tuple[Any, Any, Any]:
    """The library's inputs and its distribution function for `algorithm`, ready to call as
    `run(features, people, k, [])` (so callers can time the run alone)."""
    from sortition_algorithms import Settings, read_in_features, read_in_people
    from sortition_algorithms.committee_generation import (
        find_distribution_leximin,
        find_distribution_maximin,
    )

    with open(quota_csv, newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        header = list(reader.fieldnames or [])
    if "category" in header:
        # The library reads only its own layout; translate the stratification-app one.
        rows = [
            {"feature": r["category"], "value": r["name"], "min": r["min"], "max": r["max"]}
            for r in rows
        ]
        header = ["feature", "value", "min", "max"]
    features, _, _ = read_in_features(header, rows, k)
    with open(people_csv, newline="") as handle:
        reader = csv.DictReader(handle)
        people_rows = list(reader)
        people_header = list(reader.fieldnames or [])
    settings = Settings(id_column=id_column, columns_to_keep=[])
    people, _ = read_in_people(people_header, people_rows, features, settings)
    run = find_distribution_leximin if algorithm == "leximin" else find_distribution_maximin
    return features, people, run


def marginals(people: Any, committees: Any, probabilities: Any) -> dict[str, float]:
    """Each person's selection probability under the library's distribution."""
    result = dict.fromkeys(people, 0.0)
    for committee, p in zip(committees, probabilities, strict=True):
        for pid in committee:
            result[pid] += p
    return result
