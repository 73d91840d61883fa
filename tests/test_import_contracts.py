"""The import contracts in .importlinter hold, cover every app, and can fail."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from importlinter.domain.helpers import MissingImport

from tests.import_contracts import PublicApiContract, is_public

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "voorop"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _config() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(REPO / ".importlinter")
    return config


def _listed(contract: str, option: str) -> set[str]:
    return set(_config()[f"importlinter:contract:{contract}"][option].split())


def _apps() -> set[str]:
    return {f"voorop.{p.parent.name}" for p in PACKAGE.glob("*/apps.py")} - {"voorop.core"}


def test_lint_imports_passes():
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_app_is_under_every_contract():
    """A new app is named in the contracts, or they would silently not look at it."""
    apps = _apps()
    assert apps, "no app found"
    assert apps <= _listed("core-is-the-base", "forbidden_modules")
    assert apps <= _listed("public-api", "apps")
    top_level = {
        f"voorop.{p.stem if p.is_file() else p.name}"
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" and p.name != "__init__.py") or (p / "__init__.py").is_file()
    }
    assert top_level - {"voorop.engines"} <= _listed("engines-are-django-free", "forbidden_modules")


def _check(imports: list[tuple[str, str]], ignore: set[str] | None = None):
    graph = grimp.ImportGraph()
    for package in ("voorop", "voorop.loket", "voorop.core.areas", "voorop.core"):
        graph.add_module(package)
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="")
    options = {
        "apps": ["voorop.loket", "voorop.core.areas"],
        "public": ["selectors", "services"],
        "extension_points": ["voorop.core.areas.registry"],
    }
    if ignore:
        options["ignore_imports"] = sorted(ignore)
    contract = PublicApiContract(name="test", session_options={}, contract_options=options)
    return contract.check(graph, verbose=False)


def test_public_api_contract_allows_selectors_services_and_extension_points():
    check = _check(
        [
            ("voorop.loket.views", "voorop.core.areas.selectors"),
            ("voorop.loket.forms", "voorop.core.areas.services.tree"),  # services as a package
            ("voorop.loket.apps", "voorop.core.areas.registry"),
            ("voorop.loket.views", "voorop.loket.models"),  # within one app
            ("voorop.loket.views", "voorop.core.forms"),  # core is not an app here
        ]
    )
    assert check.kept


def test_public_api_contract_catches_an_import_of_another_apps_models():
    check = _check(
        [
            ("voorop.loket.forms", "voorop.core.areas.models"),
            ("voorop.loket.views", "voorop.core.areas.selectors"),
        ]
    )
    assert not check.kept
    [illegal] = check.metadata["illegal_imports"]
    assert (illegal.importer, illegal.imported) == (
        "voorop.loket.forms",
        "voorop.core.areas.models",
    )


def test_public_api_contract_ignores_listed_violations_and_flags_stale_entries():
    imports = [("voorop.loket.forms", "voorop.core.areas.models")]
    assert _check(imports, ignore={"voorop.loket.forms -> voorop.core.areas.models"}).kept
    # An entry that matches no import fails the check: the lists can only shrink.
    with pytest.raises(MissingImport, match=r"voorop\.loket\.views"):
        _check(imports, ignore={"voorop.loket.views -> voorop.core.areas.models"})


def test_is_public_does_not_match_a_prefix_of_a_name():
    assert is_public("voorop.core.areas.selectors", "voorop.core.areas", ["selectors"], [])
    assert not is_public("voorop.core.areas.selectors_old", "voorop.core.areas", ["selectors"], [])
    assert not is_public("voorop.core.areas.models", "voorop.core.areas", ["selectors"], [])
