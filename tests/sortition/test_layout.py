"""How the assemblies' code is laid out (issue 11): modules a reader can hold in mind, and
selectors that return data while texts, views and templates put it into words."""

from __future__ import annotations

import ast
from pathlib import Path

import voorop.sortition

APP = Path(voorop.sortition.__file__).parent


def _modules() -> list[Path]:
    return [
        path
        for path in sorted(APP.rglob("*.py"))
        if "migrations" not in path.parts and path.name != "demo.py"
    ]


def test_every_module_has_under_500_lines():
    long = {
        str(path.relative_to(APP)): lines
        for path in _modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) >= 500
    }
    assert not long, f"split these by stage: {long}"


def test_selectors_hold_no_display_text():
    """No gettext in selectors: a selector returns data (dicts with a "kind", numbers);
    voorop.sortition.texts, the views and the templates say it in Dutch and English."""
    found = []
    for path in sorted((APP / "selectors").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                found.append(f"{path.name}:{node.lineno}")
    assert not found, found


def test_the_quotas_view_is_thin():
    """The quota page's five forms live in forms.QuotaForms; the view only dispatches."""
    from voorop.sortition.views import quotas

    source = Path(quotas.__file__).read_text(encoding="utf-8")
    view = next(
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef) and node.name == "quotas"
    )
    assert view.end_lineno - view.lineno < 40
