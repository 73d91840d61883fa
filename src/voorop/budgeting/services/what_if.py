"""What if: greedy ("most votes first") and the Method of Equal Shares side by side on one
set of votes, from an uploaded pabulib file or from a round's own.

Nothing is stored. An upload can come from anyone, so it is bounded three ways (issue 12.1):
the form refuses a file above ``MAX_BYTES``, ``MAX_PROJECTS`` or ``MAX_VOTES``; each client
may compare ``WHAT_IF_UPLOADS.limit`` files an hour (counted before the file is read, with
the race-free ``voorop.core.throttle``); and the computation runs in a process of its own
(``voorop.budgeting.what_if_child``) that is stopped after ``WHAT_IF_SECONDS``. Size alone
does not bound the time: a real Amsterdam file of 24 projects and 219 cumulative votes
takes about 12 seconds, a Łódź file of 160 projects and 90,494 votes about 3.
"""

from __future__ import annotations

import json
import math
import os
import resource
import subprocess
import sys
from datetime import timedelta
from fractions import Fraction
from typing import TypedDict, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from voorop.budgeting import what_if_child
from voorop.core.throttle import Throttle
from voorop.engines.budgeting import Election

# The largest file the page takes; a real city (Łódź 2022: 3.8 MB, 160 projects, 90,494
# votes) fits. Larger files: `voorop pb compute` on one's own computer.
MAX_BYTES = 8 * 1024 * 1024
MAX_PROJECTS = 500
MAX_VOTES = 150_000
# The computation is stopped after this long (wall clock; it is one process on one core).
WHAT_IF_SECONDS = 20
WHAT_IF_UPLOADS = Throttle("budgeting.what_if", limit=10, window=timedelta(hours=1))
# All clients together: many addresses cannot keep the server's cores busy with what-ifs.
WHAT_IF_SITE = Throttle("budgeting.what_if_site", limit=120, window=timedelta(hours=1))
SITE = "all"
# Memory for the child (address space): enough for a city's file, not for a runaway one.
WHAT_IF_MEMORY = 2 * 1024 * 1024 * 1024


class WhatIfRow(TypedDict):
    id: str
    name: str
    cost: int
    votes: int | Fraction
    greedy: bool
    mes: bool


class WhatIfComparison(TypedDict):
    rows: list[WhatIfRow]
    budget: int
    ballots: int
    greedy_total: int
    mes_total: int
    greedy_count: int
    mes_count: int
    differ: int
    digest: str


def _not_computable(error: object) -> ValidationError:
    return ValidationError(
        _("The file was read, but the outcome could not be computed. Technical detail: %(error)s")
        % {"error": error},
        code="not_computable",
    )


def what_if_compare(*, election: Election, seed: str = "0") -> WhatIfComparison:
    """Both rules' outcomes for every project, most votes first, computed here (a round's own
    votes, which the municipality published; the page caches it per result).

    Raises ValidationError (code ``not_computable``) when the engine refuses the election:
    the file was read, but the rules cannot run on it.
    """
    try:
        return cast(WhatIfComparison, what_if_child.compare(election, seed))
    except ValueError as error:  # RuleError included
        raise _not_computable(error) from error


def what_if_upload_allowed(*, client: str) -> None:
    """Count one upload of this client; refuse beyond the limit (before the file is read).
    Call outside a transaction (see voorop.core.throttle)."""
    attempt = WHAT_IF_UPLOADS.attempt(client)
    if not attempt.refused and WHAT_IF_SITE.attempt(SITE).refused:
        raise ValidationError(
            _(
                "Many people are comparing files right now. Try again in an hour, or use "
                "“voorop pb compute” on your own computer."
            ),
            code="busy",
        )
    if attempt.refused:
        raise ValidationError(
            _(
                "You compared many files in a short time. Try again in %(minutes)s minutes. "
                "For many or large files, use “voorop pb compute” on your own computer."
            )
            % {"minutes": attempt.retry_minutes()},
            code="throttled",
        )


_CHILD_ENV = ("PATH", "PYTHONPATH", "LANG", "LC_ALL", "HOME", "VIRTUAL_ENV")


def _limit_child() -> None:
    """In the child, before it runs: at most ``WHAT_IF_SECONDS`` of CPU and
    ``WHAT_IF_MEMORY`` of memory, whatever the file."""
    seconds = math.ceil(WHAT_IF_SECONDS) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (WHAT_IF_MEMORY, WHAT_IF_MEMORY))


def what_if_compare_text(*, text: str, name: str, seed: str = "0") -> WhatIfComparison:
    """As :func:`what_if_compare`, for an uploaded file's text, in a process of its own that
    is stopped after ``WHAT_IF_SECONDS``. Raises ValidationError with code ``too_slow`` or
    ``not_computable``."""
    payload = json.dumps({"text": text, "name": name, "seed": seed})
    try:
        done = subprocess.run(
            [sys.executable, "-m", "voorop.budgeting.what_if_child"],
            # Only what Python needs: no secret key, database or mail settings in the child.
            env={name: os.environ[name] for name in _CHILD_ENV if name in os.environ}
            | {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
            preexec_fn=_limit_child,
            input=payload,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=WHAT_IF_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:  # the child is killed by subprocess.run
        raise ValidationError(
            _(
                "Computing this file takes longer than %(seconds)s seconds, so the site "
                "stopped. Use “voorop pb compute” on your own computer for this file."
            )
            % {"seconds": WHAT_IF_SECONDS},
            code="too_slow",
        ) from error
    if done.returncode != 0 or not done.stdout:
        raise _not_computable(done.stderr.strip().splitlines()[-1:] or done.returncode)
    result = what_if_child.from_json(done.stdout)
    if "error" in result:
        raise _not_computable(result["error"])
    return cast(WhatIfComparison, result)
