"""The `oracle` mark follows a test module's imports (tests/engines/conftest.py)."""

from __future__ import annotations

import types

from tests.engines.conftest import is_oracle_module

# The wrappers are imported inside the tests: imported here, they would make this module an
# oracle module itself.


def _module(**names: object) -> types.ModuleType:
    module = types.ModuleType("tests.engines.fake")
    vars(module).update(names)
    return module


def test_a_module_using_our_wrapper_of_a_reference_library_is_an_oracle_module():
    from tests.engines.budgeting import oracle

    assert is_oracle_module(_module(oracle=oracle))
    assert is_oracle_module(_module(run=oracle.run))


def test_a_module_importing_a_reference_library_is_an_oracle_module():
    import pabutools

    assert is_oracle_module(_module(pb=pabutools))


def test_a_module_without_them_is_not():
    assert not is_oracle_module(_module(types=types, name="pabutools", n=3))
