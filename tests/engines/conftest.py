"""Marks for the engine tests: `oracle` on every module that compares with a reference library.

The comparisons with pabutools, sortition-algorithms, scikit-learn and ipfn are a large part
of the suite's running time: `make test-fast` leaves them out (`-m "not oracle"`), `make
test-oracle` runs only them, and `make test` runs them with the rest. A module is an oracle
module when it uses one of the reference libraries or our wrappers of them
(tests/engines/budgeting/oracle.py, tests/engines/sortition/library.py): the mark follows
the imports, so a new comparison needs no mark of its own."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ORACLE_SOURCES = (
    "pabutools",
    "sortition_algorithms",
    "sklearn",
    "ipfn",
    "tests.engines.budgeting.oracle",
    "tests.engines.sortition.library",
)


def _from_oracle(value: object) -> bool:
    if isinstance(value, types.ModuleType):
        name = value.__name__
    else:
        name = getattr(value, "__module__", None)
        if not isinstance(name, str):
            return False
    return any(name == source or name.startswith(source + ".") for source in ORACLE_SOURCES)


def is_oracle_module(module: types.ModuleType) -> bool:
    """Whether the test module imports a reference library or one of our wrappers of them."""
    return any(_from_oracle(value) for value in vars(module).values())


def _below_here(item: pytest.Item) -> bool:
    return HERE in Path(item.path).resolve().parents


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # This hook sees the whole session's items: mark only those collected below this folder.
    verdicts: dict[str, bool] = {}
    for item in items:
        module = getattr(item, "module", None)
        if module is None or not _below_here(item):
            continue
        if module.__name__ not in verdicts:
            verdicts[module.__name__] = is_oracle_module(module)
        if verdicts[module.__name__]:
            item.add_marker(pytest.mark.oracle)
