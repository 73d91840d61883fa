"""Command line: ``voorop pb compute FILE.pb --rule ... --format json``.

Kept free of Django and of heavy imports so that it starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys


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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; ``argv`` is what follows ``voorop pb``. Returns the exit status."""
    args = _parser().parse_args(argv)
    from fractions import Fraction

    from .model import number_to_json
    from .pabulib import PbFormatError, read_pb
    from .rules import RuleError, compute

    try:
        min_votes = Fraction(args.min_votes) if args.min_votes is not None else None
    except ValueError:
        print(f"voorop pb: --min-votes {args.min_votes!r} is not a number", file=sys.stderr)
        return 2
    try:
        election = read_pb(args.file, voter_data=False)
    except PbFormatError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        outcome = compute(
            election,
            args.rule,
            completion=args.completion,
            min_votes=min_votes,
            tie_breaking=args.tie_breaking,
            seed=args.seed,
            utilities=args.utilities,
        )
    except RuleError as exc:
        print(f"{election.source}: {exc}", file=sys.stderr)
        return 2
    if args.format == "json-full":
        out = outcome.to_json_dict()
    else:
        out = {"selected": list(outcome.selected), "total_cost": number_to_json(outcome.total_cost)}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 0
