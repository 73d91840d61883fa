"""Shared data for the budgeting tests: real pabulib files, read in place (never copied).

They live in ``<repo>/../shared/data/pabulib`` or ``$VOOROP_SHARED_DATA/pabulib``. When they
are missing the tests that need them are skipped, unless ``VOOROP_REQUIRE_SHARED_DATA=1``
(set in CI), in which case they fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

# The files the official-outcome tests know about (any other .pb file in the folder is
# still compared with pabutools).
KNOWN_FILES = (
    "Netherlands_Amsterdam_179.pb",
    "Netherlands_Assen_2024.pb",
    "Poland_Gdansk_2020_Mlyniska.pb",
    "Poland_Gdansk_2020_Wrzeszcz_Gorny.pb",
    "Poland_Gdynia_2020_Oksywie__large.pb",
    "Poland_Gdynia_2021_Orlowo__large.pb",
    "Poland_Gdynia_2024_Karwiny__small.pb",
    "Poland_Katowice_2023.pb",
    "Poland_Lodz_2022.pb",
    "Poland_Lodz_2025_Ruda.pb",
    "Poland_Swiecie_2023.pb",
    "Poland_Warszawa_2017_Zoliborz_Poludniowy-Powazki.pb",
    "Poland_Warszawa_2018_Srodmiescie_Polnocne.pb",
    "Poland_Warszawa_2026_Stara_Praga_Szmulowizna.pb",
    "Poland_Wieliczka_2023_Green_Budget.pb",
    "US_Stanford_Dataset_PB_Chicago_40th_Ward_2021_vote_approvals.pb",
)
BIG_FILES = ("Poland_Lodz_2022.pb", "Poland_Katowice_2023.pb")


def pabulib_dir() -> Path:
    base = os.environ.get("VOOROP_SHARED_DATA")
    root = Path(base) if base else REPO.parent / "shared" / "data"
    return root / "pabulib"


def data_files() -> list[str]:
    """Names of the .pb files present (the known names when the folder is missing, so that
    the tests are collected and then skip or fail with a clear reason)."""
    folder = pabulib_dir()
    if folder.is_dir():
        found = sorted(p.name for p in folder.glob("*.pb"))
        if found:
            return found
    return list(KNOWN_FILES)


def data_path(name: str) -> Path:
    path = pabulib_dir() / name
    if not path.is_file():
        message = (
            f"shared data file {path} is missing (set VOOROP_SHARED_DATA to the folder that "
            "holds pabulib/)"
        )
        if os.environ.get("VOOROP_REQUIRE_SHARED_DATA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path
