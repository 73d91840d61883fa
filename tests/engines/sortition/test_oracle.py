"""Our leximin against sortition-algorithms (GPL-3.0, used here only as a test oracle).

The library's leximin needs Gurobi; with the size-limited free licence it fails on larger
instances, and then its maximin (which must reach the same minimum probability) is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from unittest.mock import patch

import pytest

from voorop.engines.sortition import find_distribution

from .conftest import load_shared
from .helpers import assert_valid_distribution, lexicographically_no_worse
from .library import library_run, marginals

sa = pytest.importorskip("sortition_algorithms")


# The library's leximin stops its column generation, and fixes a level, at a gap of EPS =
# 5e-4 (sortition_algorithms.committee_generation.common). A level it fixed that much short
# leaves room for later levels to come out higher than the true leximin's, by more than the
# gap (CI and a loop here, 2026-12-07, sa_fixtures: fifteen entries 1.2e-4 short, then two
# 3.2e-3 higher; one run in fifteen). As an oracle it runs with a gap of 1e-6: same run time
# (8–9 s on sa_fixtures), and its levels agree with ours to 1e-5–1e-4 in most runs (24 runs
# on the two pools, all within the comparison's 5e-4).
LIBRARY_GAP = 1e-6


def library_marginals(
    people_csv: Path, quota_csv: Path, id_column: str, k: int, algorithm: str
) -> dict[str, float]:
    features, people, run = library_run(people_csv, quota_csv, id_column, k, algorithm)
    with patch("sortition_algorithms.committee_generation.leximin.EPS", LIBRARY_GAP):
        committees, probabilities, _ = run(features, people, k, [])
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

        def no_worse_than(reference: dict[str, float]) -> bool:
            # Beyond the minimum the library's levels are only about as accurate as its
            # solver's tolerances: compared within 5e-4, not 1e-5 (CI, 2026-12-07,
            # sa_fixtures: its level 48 came out at 0.115409 in one run and at 0.115378 in
            # another, around our 3/26 = 0.115385, and failed the test once).
            mine: Sequence[float] = [ours.probabilities[pid] for pid in reference]
            return lexicographically_no_worse(mine, list(reference.values()), tol=5e-4)

        if not no_worse_than(theirs):
            # The library's run is randomised (its solver's seeds, its first panels): a run
            # that stopped off the optimum does not recur, a shortfall of ours shows in
            # every run. So a second run, with other panels, must agree.
            again = library_marginals(people_csv, quota_csv, id_column, k, library_algorithm)
            assert no_worse_than(again), (
                sorted(ours.probabilities.values()),
                sorted(theirs.values()),
                sorted(again.values()),
            )


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
