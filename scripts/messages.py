"""`make messages`: update every app's Dutch catalogue from the code, then compile all.

`python scripts/messages.py loket hostop` updates only those apps' catalogues.

New entries appear with an empty msgstr; translate them in
src/voorop/<app>/locale/nl/LC_MESSAGES/django.po and run this again to compile.
tests/test_translations.py fails while any entry is untranslated, fuzzy or stale.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "voorop"
HEADER = (
    "# Dutch translations of Voorop.\n"
    "# This file is distributed under the same licence as Voorop (EUPL-1.2).\n#\n"
)


def normalise_header(po_file: Path) -> None:
    text = po_file.read_text(encoding="utf-8")
    _, separator, rest = text.partition('msgid ""\nmsgstr ""\n')
    rest = rest.replace('"Language: \\n"', '"Language: nl\\n"').replace(
        '"Project-Id-Version: PACKAGE VERSION\\n"', '"Project-Id-Version: voorop\\n"'
    )
    po_file.write_text(HEADER + separator + rest, encoding="utf-8")


def _without_date(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "POT-Creation-Date" not in line)


def main() -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "voorop.settings.dev"}
    wanted = set(sys.argv[1:])
    for app in sorted(p.parent for p in PACKAGE.glob("*/apps.py")):
        if wanted and app.name not in wanted:
            continue
        (app / "locale").mkdir(exist_ok=True)
        catalogue = app / "locale" / "nl" / "LC_MESSAGES" / "django.po"
        before = catalogue.read_text(encoding="utf-8") if catalogue.exists() else None
        # -P: the app folder must not shadow standard modules (our selectors.py).
        subprocess.run(
            [
                sys.executable,
                "-P",
                "-m",
                "django",
                "makemessages",
                "-l",
                "nl",
                "--no-obsolete",
                "--no-location",
                "-v0",
            ],
            cwd=app,
            env=env,
            check=True,
        )
        if catalogue.exists():
            normalise_header(catalogue)
            after = catalogue.read_text(encoding="utf-8")
            if before is not None and _without_date(after) == _without_date(before):
                # Only the extraction date changed: keep the file as it was (no churn).
                catalogue.write_text(before, encoding="utf-8")
            untranslated = catalogue.read_text(encoding="utf-8").count('\nmsgstr ""\n\n')
            if untranslated:
                print(f"{app.name}: {untranslated} entries to translate in {catalogue}")
    subprocess.run(
        [sys.executable, "-P", "-m", "django", "compilemessages", "-v0"],
        cwd=PACKAGE,
        env=env,
        check=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
