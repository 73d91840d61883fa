"""Count the mypy errors still hidden by the per-module overrides, per app.

pyproject.toml turns off, module by module, the error codes that fail today (the overrides
with ``disable_error_code`` on voorop modules). This runs mypy with the same settings minus
those overrides and prints how many errors each app (and each engine) still has, so the
list can shrink as modules get annotated: ``.venv/bin/python scripts/typecheck_debt.py``.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ERROR = re.compile(r"^src/voorop/(?P<path>[^:]+):\d+: error: .*\[(?P<code>[a-z-]+)\]$")


def _ini_value(value: object) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def config_without_debt(pyproject: dict) -> str:
    """The mypy settings as a mypy.ini text, the known-error overrides left out."""
    mypy = dict(pyproject["tool"]["mypy"])
    overrides = mypy.pop("overrides", [])
    mypy["files"] = [str(REPO / pattern) for pattern in mypy["files"]]
    mypy["mypy_path"] = str(REPO / mypy["mypy_path"])
    lines = ["[mypy]", *(f"{key} = {_ini_value(value)}" for key, value in mypy.items())]
    for override in overrides:
        modules = override["module"]
        modules = modules if isinstance(modules, list) else [modules]
        if "disable_error_code" in override and all(m.startswith("voorop.") for m in modules):
            continue
        options = {k: v for k, v in override.items() if k != "module"}
        lines += ["", f"[mypy-{','.join(modules)}]"]
        lines += [f"{key} = {_ini_value(value)}" for key, value in options.items()]
    django = pyproject["tool"].get("django-stubs", {})
    if django:
        lines += ["", "[mypy.plugins.django-stubs]"]
        lines += [f"{key} = {_ini_value(value)}" for key, value in django.items()]
    return "\n".join(lines) + "\n"


def area(path: str) -> str:
    """'engines/budgeting/_mes.py' -> 'engines.budgeting'; 'loket/services.py' -> 'loket'."""
    parts = path.split("/")
    return ".".join(parts[:2]) if parts[0] == "engines" else parts[0]


def main() -> int:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "mypy.ini"
        config.write_text(config_without_debt(pyproject))
        result = subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(config)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
    counts: collections.Counter[str] = collections.Counter()
    codes: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for line in result.stdout.splitlines():
        match = ERROR.match(line)
        if match:
            counts[area(match["path"])] += 1
            codes[area(match["path"])][match["code"]] += 1
    if not counts and result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        return result.returncode
    for name in sorted(counts):
        detail = ", ".join(f"{code} {n}" for code, n in codes[name].most_common())
        print(f"{name:<20} {counts[name]:>4}   ({detail})")
    print(f"{'total':<20} {sum(counts.values()):>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
