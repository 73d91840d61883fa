"""Shared fixtures: the real Pol.is conversations of the shared data, and small conversations."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from voorop.engines.opinions import VoteMatrix, VoteRecord

REPO = Path(__file__).resolve().parents[3]
CONVERSATIONS = (
    "15-per-hour-seattle",
    "bg2050-volunteers",
    "brexit-consensus",
    "scoop-hivemind.biodiversity",
    "vtaiwan.uberx",
)


@pytest.fixture(autouse=True)
def _default_language():
    """The engine has no Django: override the project-wide language fixture."""
    yield


def polis_folder(name: str) -> Path:
    root = Path(os.environ.get("VOOROP_SHARED_DATA", REPO.parent / "shared" / "data"))
    folder = root / "polis" / name
    if not folder.is_dir():
        message = (
            f"shared Pol.is data {folder} not found (set VOOROP_SHARED_DATA to the folder that "
            "contains polis/)"
        )
        if os.environ.get("VOOROP_REQUIRE_SHARED_DATA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return folder


def two_camps(
    n_per_camp: int = 20, n_statements: int = 12, seed: int = 0, noise: float = 0.1
) -> VoteMatrix:
    """Two camps that vote opposite on every statement but the last, which all agree with."""
    import numpy as np

    rng = np.random.default_rng(seed)
    records = []
    for camp in (0, 1):
        for k in range(n_per_camp):
            pid = f"{'ab'[camp]}{k}"
            for j in range(n_statements):
                if j == n_statements - 1:
                    vote = 1
                else:
                    vote = 1 if (j % 2 == camp) else -1
                    if rng.random() < noise:
                        vote = int(rng.choice([0, -vote]))
                records.append(VoteRecord(pid, f"s{j}", vote))  # type: ignore[arg-type]
    rng.shuffle(records)  # type: ignore[arg-type]
    return VoteMatrix.from_records(records)
