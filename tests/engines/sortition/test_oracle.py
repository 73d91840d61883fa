"""Our leximin against sortition-algorithms (GPL-3.0, used here only as a test oracle).

The library's leximin needs Gurobi; with the size-limited free licence it fails on larger
instances, and then its maximin (which must reach the same minimum probability) is used.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from voorop.engines.sortition import find_distribution

from .conftest import load_shared
from .helpers import assert_valid_distribution, lexicographically_no_worse
from .library import library_run, marginals

sa = pytest.importorskip("sortition_algorithms")


# The library's run is randomised (its first panels, its solvers' seeds), and a run now and
# then stops off the optimum beyond the minimum: one in fifteen failed the comparison below
# on sa_fixtures (CI and a loop here, 2026-12-07: fifteen entries 1.2e-4 short, which left
# room for two later ones 3.2e-3 higher). Seeded, it gives the same vector every run: with
# this seed, within 6.2e-6 of ours on sa_fixtures and 5e-8 on opendlp_monitoring (seeds 2
# and 5 stop up to 0.17 off; a run's accuracy, not ours, decides which seed to use).
LIBRARY_SEED = 1


def library_marginals(
    people_csv: Path, quota_csv: Path, id_column: str, k: int, algorithm: str
) -> dict[str, float]:
    from sortition_algorithms.utils import set_random_provider

    features, people, run = library_run(people_csv, quota_csv, id_column, k, algorithm)
    # set_random_provider seeds Python's own random too: put it back for the next tests.
    state = random.getstate()
    set_random_provider(LIBRARY_SEED)
    try:
        committees, probabilities, _ = run(features, people, k, [])
    finally:
        set_random_provider(None)
        random.setstate(state)
    return marginals(people, committees, probabilities)


def compare(
    name: str, *, library_algorithm: str = "leximin", ours_algorithm: str = "leximin"
) -> None:
    pool, quotas, k, people_csv, quota_csv, id_column = load_shared(name)
    ours = find_distribution(pool, quotas, k, algorithm=ours_algorithm)
    assert_valid_distribution(ours, pool, quotas, k)
    try:
        theirs = library_marginals(people_csv, quota_csv, id_column, k, library_algorithm)
    except Exception as error:  # gurobipy raises its own error type for the licence limit
        if library_algorithm != "leximin" or "license" not in str(error).lower():
            raise
        theirs = library_marginals(people_csv, quota_csv, id_column, k, "maximin")
        library_algorithm = "maximin"
    # Ours is a valid distribution (checked above), so its minimum can never be above the
    # optimum; the library's column generation is randomised (its solver's seeds and first
    # panels come from random_provider) and now and then stops below it (CI, 2026-12-06:
    # 0.2641 against our 0.2967 on opendlp_monitoring; the same test passed before and
    # after). So: at least what the library found.
    assert ours.min_probability >= min(theirs.values()) - 1e-6
    if library_algorithm == "leximin" and ours_algorithm == "leximin":
        mine: Sequence[float] = [ours.probabilities[pid] for pid in theirs]
        # The library stops column generation at a dual gap of 5e-4, so beyond the minimum
        # its levels are only that accurate: compared within that, not 1e-5 (CI,
        # 2026-12-07, sa_fixtures: its level 48 came out at 0.115409 in one run and at
        # 0.115378 in another, around our 3/26 = 0.115385, and failed the test once).
        # Seeded it agrees far closer here, but its solvers may take another path on a
        # machine with another number of cores.
        assert lexicographically_no_worse(mine, list(theirs.values()), tol=5e-4)


def _gurobi_usable() -> bool:
    try:
        import gurobipy

        gurobipy.Model().dispose()
    except Exception:
        return False
    return True


needs_gurobi = pytest.mark.skipif(not _gurobi_usable(), reason="gurobipy not usable")


@needs_gurobi
@pytest.mark.parametrize("name", ["sa_fixtures", "opendlp_monitoring"])
def test_leximin_matches_library(name: str) -> None:
    compare(name)


@pytest.mark.heavy  # the library's maximin alone takes tens of minutes on 500 respondents
@pytest.mark.parametrize("name", ["synth_k30", "synth_k100"])
def test_min_probability_matches_library_maximin_on_500(name: str) -> None:
    compare(name, library_algorithm="maximin")


# The library's minimum probability on the shared 500-respondent pool, panel 30: its leximin
# (Gurobi) and its maximin both give 0.042254 (docs/decisions/0003; `make bench` recomputes
# it with the library in the same run).
LIBRARY_MINIMUM_SYNTH_K30 = 0.042254


@pytest.mark.slow
def test_leximin_on_500_meets_quotas_and_the_library_minimum() -> None:
    pool, quotas, k, *_ = load_shared("synth_k30")
    lex = find_distribution(pool, quotas, k)
    assert_valid_distribution(lex, pool, quotas, k)
    assert lex.min_probability == pytest.approx(LIBRARY_MINIMUM_SYNTH_K30, abs=1e-6)
    assert lex.stats["method"] == "relaxation"
