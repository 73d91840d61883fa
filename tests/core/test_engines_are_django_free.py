"""The engines must stay callable without Django (command line, notebooks, other projects)."""

import ast
import subprocess
import sys
from pathlib import Path

import voorop.engines

ENGINES = Path(voorop.engines.__file__).parent
FRAMEWORK_PACKAGES = {"django", "rules", "allauth", "django_tasks_db"}


def _forbidden(module: str) -> bool:
    # Engines may import each other, never the framework or the web apps.
    top = module.split(".")[0]
    web_app = module.startswith("voorop.") and not module.startswith("voorop.engines")
    return top in FRAMEWORK_PACKAGES or web_app


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_engine_module_imports_django():
    offenders = {}
    for path in ENGINES.rglob("*.py"):
        names = sorted(name for name in _imports(path) if _forbidden(name))
        if names:
            offenders[str(path.relative_to(ENGINES))] = names
    assert offenders == {}


def test_importing_every_engine_module_loads_no_django():
    modules = [
        ".".join(("voorop", "engines", *path.relative_to(ENGINES).with_suffix("").parts))
        for path in ENGINES.rglob("*.py")
        if path.name not in {"__main__.py"}
    ]
    modules = [m.removesuffix(".__init__") for m in modules]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_checker_catches_a_django_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\nimport os\n")
    assert [name for name in _imports(bad) if _forbidden(name)] == ["django.db"]
    assert _forbidden("voorop.accounts.models") and not _forbidden("voorop.engines.sortition")
