"""``--rule from-file`` reproduces the official outcome (the file's ``selected`` column)."""

from __future__ import annotations

import pytest

from voorop.engines.budgeting import compute, read_pb

from .conftest import data_files, data_path

# Files whose official outcome we do not reproduce, with the verified reason. Empty: every
# file with a ``selected`` column is reproduced. (Wieliczka's rule is
# "equalshares/add1-comparison": its comparison with the greedy outcome kept Equal Shares,
# so add1 alone reproduces it; Amsterdam, Gdańsk and Chicago have no ``selected`` column.)
EXPECTED_EXCEPTIONS: dict[str, str] = {}

MUST_REPRODUCE = {
    "Poland_Wieliczka_2023_Green_Budget.pb",
    "Poland_Swiecie_2023.pb",
    "Netherlands_Assen_2024.pb",
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=[pytest.mark.xfail(reason=EXPECTED_EXCEPTIONS[name], strict=True)]
            if name in EXPECTED_EXCEPTIONS
            else [],
        )
        for name in data_files()
    ],
)
def test_from_file_reproduces_official_outcome(name):
    election = read_pb(data_path(name), voter_data=False)
    if not any(p.get("selected") is not None for p in election.projects):
        assert name not in MUST_REPRODUCE
        pytest.skip("the file has no 'selected' column (no official outcome recorded)")
    official = {p.id for p in election.projects if (p.get("selected") or "").strip() == "1"}
    out = compute(election, "from-file")
    assert set(out.selected) == official, f"{name}: {election.meta_dict.get('rule')}"


def test_meta_rules_are_mapped():
    rules = {read_pb(data_path(n), voter_data=False).meta_dict.get("rule") for n in data_files()}
    from voorop.engines.budgeting import FILE_RULES

    assert rules <= set(FILE_RULES)
