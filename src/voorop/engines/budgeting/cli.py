"""Command line: ``voorop pb compute FILE.pb --rule ... --format json``.

Kept free of Django and of heavy imports so that it starts fast. What the reader found odd
but could read goes to stderr, one line per kind (``file.pb:LINE: warning: ...``), and into
the JSON output under ``warnings``; a file it cannot read gives ``file.pb:LINE: message`` on
stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import PbWarning


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voorop pb", description="Participatory budgeting on pabulib (.pb) files."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("compute", help="compute the funded projects of a .pb file")
    c.add_argument("file", help="pabulib file")
    c.add_argument(
        "--rule",
        required=True,
        choices=["greedy", "greedy-no-skip", "mes", "phragmen", "from-file"],
    )
    c.add_argument("--completion", choices=["none", "add1", "add1-greedy"], default=None)
    c.add_argument("--min-votes", default=None, help="minimum number of votes (points)")
    c.add_argument("--tie-breaking", choices=["id", "cost-votes"], default="id")
    c.add_argument("--seed", default="0", help="seed of the lot for cost-votes tie-breaking")
    c.add_argument("--utilities", choices=["cost", "points"], default=None)
    c.add_argument("--format", choices=["json", "json-full"], default="json")
    c.add_argument(
        "--timings",
        action="store_true",
        help="print the CPU time of start-up, reading, the rule and the output on stderr",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; ``argv`` is what follows ``voorop pb``. Returns the exit status."""
    args = _parser().parse_args(argv)
    # Reading a big file makes some hundred thousand objects, none of them in reference
    # cycles: the cyclic garbage collector would only walk them again and again (a tenth of
    # the whole run on Łódź 2022).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _compute_command(args)
    finally:
        if gc_was_enabled:
            gc.enable()


def _compute_command(args: argparse.Namespace) -> int:
    from fractions import Fraction

    from .model import number_to_json
    from .pabulib import PbFormatError, read_pb_distinct
    from .rules import RuleError, _compute

    # CPU time of this process so far: starting Python and importing the engine.
    started = time.process_time()

    try:
        min_votes = Fraction(args.min_votes) if args.min_votes is not None else None
    except ValueError:
        print(f"voorop pb: --min-votes {args.min_votes!r} is not a number", file=sys.stderr)
        return 2
    try:
        # The distinct votes with their counts: no Ballot object per voter or vote.
        election, votes = read_pb_distinct(args.file)
    except PbFormatError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    read = time.process_time()
    try:
        outcome = _compute(
            election,
            votes,
            args.rule,
            completion=args.completion,
            min_votes=min_votes,
            tie_breaking=args.tie_breaking,
            seed=args.seed,
            utilities=args.utilities,
            digest=args.format == "json-full",
        )
    except RuleError as exc:
        print(f"{election.source}: {exc}", file=sys.stderr)
        return 2
    computed = time.process_time()
    for warning in election.warnings:
        print(_warning_line(election.source, warning), file=sys.stderr)
    if args.format == "json-full":
        out = outcome.to_json_dict()
    else:
        out = {"selected": list(outcome.selected), "total_cost": number_to_json(outcome.total_cost)}
    out["warnings"] = [w.to_json_dict() for w in election.warnings]
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    if args.timings:
        sys.stdout.flush()
        written = time.process_time()
        print(
            f"timings (CPU seconds): start-up {started:.3f}, reading {read - started:.3f}, "
            f"rule {computed - read:.3f}, output {written - computed:.3f}",
            file=sys.stderr,
        )
    return 0


# Lines named on stderr per warning (the JSON output has them all).
SHOWN_LINES = 10


def _warning_line(source: str, warning: PbWarning) -> str:
    """``file.pb:LINE: warning: message (N lines: ...)``, as compilers write it."""
    lines = warning.lines
    if not lines:
        return f"{source}: warning: {warning.message()}"
    text = f"{source}:{lines[0]}: warning: {warning.message()}"
    if len(lines) == 1:
        return text
    shown = ", ".join(map(str, lines[:SHOWN_LINES]))
    more = f" and {len(lines) - SHOWN_LINES} more" if len(lines) > SHOWN_LINES else ""
    return f"{text} ({len(lines)} lines: {shown}{more})"
