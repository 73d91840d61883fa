"""Shared fixtures: where the shared test data live, and small instances."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from voorop.engines.sortition import Pool, Quota, quota_features, read_people_csv, read_quotas_csv

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _default_language():
    """The engine has no Django: override the project-wide language fixture so these tests
    also run with ``-p no:django`` (and without settings)."""
    yield


def shared_data_dir() -> Path | None:
    root = Path(os.environ.get("VOOROP_SHARED_DATA", REPO.parent / "shared" / "data"))
    folder = root / "sortition"
    return folder if folder.is_dir() else None


def require_shared_data() -> Path:
    folder = shared_data_dir()
    if folder is None:
        message = (
            "shared sortition data not found (set VOOROP_SHARED_DATA to the folder that "
            "contains sortition/)"
        )
        if os.environ.get("VOOROP_REQUIRE_SHARED_DATA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return folder


# name: (people file, quota file, id column, panel size)
SHARED_INSTANCES = {
    "sa_fixtures": (
        "sa_fixtures/candidates.csv",
        "sa_fixtures/features.csv",
        "nationbuilder_id",
        22,
    ),
    "opendlp_monitoring": (
        "opendlp_monitoring/respondents.csv",
        "opendlp_monitoring/categories.csv",
        "unique_id",
        30,
    ),
    "synth_k30": ("synth/respondents_n500.csv", "synth/quotas_k30.csv", "person_id", 30),
    "synth_k100": ("synth/respondents_n500.csv", "synth/quotas_k100.csv", "person_id", 100),
}


def load_shared(name: str) -> tuple[Pool, tuple[Quota, ...], int, Path, Path, str]:
    folder = require_shared_data()
    people, quota_file, id_column, k = SHARED_INSTANCES[name]
    quotas = read_quotas_csv(folder / quota_file)
    pool = read_people_csv(
        folder / people, id_column=id_column, feature_columns=quota_features(quotas)
    )
    return pool, quotas, k, folder / people, folder / quota_file, id_column
