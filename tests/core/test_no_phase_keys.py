"""No phase or stage key is compared outside the phase registry (voorop.core.phases).

Views, services, rules and templates ask what a phase allows (``phase.allows.vote``,
``phase_allows(KIND, action)``, ``{% has_perm %}``) or what it declares (``phase.final``,
``phase.tone``), never ``phase.key == "voting"`` or ``challenge.stage in FINAL_STAGES``.

A ratchet: ``KNOWN`` listed the comparisons that were there when the registry came; every
app has adopted it and the list is empty. The test fails when a new one appears.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import voorop

PACKAGE = Path(voorop.__file__).parent
PATTERNS = [
    re.compile(r"\.key\s*(==|!=|\bnot\s+in\b|\bin\b)"),  # phase.key == "voting"
    re.compile(r"\bstage\s*(==|!=)"),  # challenge.stage == 'refused'
    re.compile(r"\.stage\s+(not\s+)?in\b"),  # challenge.stage in BEFORE_DECISION
    re.compile(r"\bstage(__in)?\s*=\s*(['\"]|[A-Z_]+_STAGES)"),  # Q(stage="withdrawn")
]

# (app, the line without its indentation) of a comparison waiting for adoption: none is left;
# a new one fails this test rather than being added here.
KNOWN: list[tuple[str, str]] = []


def comparisons() -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in (".py", ".html") or "migrations" in path.parts:
            continue
        app = path.relative_to(PACKAGE).parts[0]
        if app == "core":  # the registry itself
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if any(pattern.search(line) for pattern in PATTERNS):
                found[(app, " ".join(line.split()))] += 1
    return found


def test_no_new_phase_key_comparisons_and_the_known_ones_are_still_listed():
    found, known = comparisons(), Counter(KNOWN)
    new = sorted((found - known).elements())
    gone = sorted((known - found).elements())
    assert not new, (
        "Compare no phase or stage key: ask the phase (phase.allows.<action>, phase.final, "
        "phase_allows(KIND, action)); see docs/decisions/0012-shared-kit.md. New: "
        + "\n".join(f"{app}: {line}" for app, line in new)
    )
    assert not gone, (
        "Adopted, well done: take these out of KNOWN in tests/core/test_no_phase_keys.py:\n"
        + "\n".join(f"{app}: {line}" for app, line in gone)
    )
