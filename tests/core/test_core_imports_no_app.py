"""core is the shared base every app builds on: it imports no app (not even accounts), so
there is no import cycle and any app can be taken out."""

import ast
from pathlib import Path

import voorop.core

CORE = Path(voorop.core.__file__).parent
ALLOWED = ("voorop.core", "voorop.engines", "voorop.settings")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_no_app():
    offending = {
        f"{path.relative_to(CORE)}: {name}"
        for path in CORE.rglob("*.py")
        for name in _imports(path)
        if name.startswith("voorop.") and not name.startswith(ALLOWED)
    }
    assert not offending, sorted(offending)
