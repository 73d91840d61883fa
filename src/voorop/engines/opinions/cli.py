"""Command line: ``voorop opinions map --participants-votes FILE --comments FILE --format json``.

Prints one JSON object: ``groups`` (participant -> group number or null), ``consensus``
(statement ids), ``representative`` (group -> statement ids), and more (``divisive``,
``majority``, group sizes, silhouettes). With ``--votes votes.csv`` the map is built by
replaying the vote log in ticks (``--tick-seconds``), as Pol.is's live updates built it. A
file that cannot be read gives ``FILE:LINE: message`` on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

# One BLAS thread: the matrices are small, and extra threads only burn CPU on a shared machine.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voorop opinions", description="Opinion maps (Pol.is's math) from Pol.is exports."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("map", help="group the participants of a Pol.is export")
    m.add_argument("--participants-votes", required=True, help="participants-votes.csv")
    m.add_argument("--comments", required=True, help="comments.csv (moderation, meta)")
    m.add_argument("--format", choices=["json"], default="json")
    m.add_argument("--votes", default=None, help="votes.csv: replay the vote log in ticks")
    m.add_argument("--tick-seconds", type=float, default=60.0, help="tick length of a replay")
    m.add_argument(
        "--fill-missing", choices=["column-mean", "zero"], default="column-mean",
        help="missing votes as Pol.is since 2017 (column-mean) or before (zero)",
    )  # fmt: skip
    m.add_argument("--timings", action="store_true", help="CPU seconds per step on stderr")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; ``argv`` is what follows ``voorop opinions``. Returns the exit status."""
    args = _parser().parse_args(argv)
    started = time.process_time()
    from .mapping import compute_map
    from .model import MapOptions, OpinionsError
    from .polis_io import read_polis_export
    from .replay import read_votes_log, replay_votes

    imported = time.process_time()
    try:
        export = read_polis_export(args.participants_votes, args.comments)
        log = read_votes_log(args.votes) if args.votes else None
    except OpinionsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    read = time.process_time()
    options = MapOptions(fill_missing=args.fill_missing)
    if log is not None:
        if args.tick_seconds < 0:
            print("voorop opinions: --tick-seconds must not be negative", file=sys.stderr)
            return 2
        replayed, _ = replay_votes(
            log, export.statements, tick_ms=int(args.tick_seconds * 1000), options=options
        )
        opinion_map = replayed or compute_map(export.matrix, export.statements, options=options)
    else:
        opinion_map = compute_map(export.matrix, export.statements, options=options)
    computed = time.process_time()
    groups = opinion_map.group_of()
    out = {
        "engine_version": opinion_map.engine_version,
        "groups": {p: groups.get(p) for p in export.matrix.participants},
        "consensus": list(opinion_map.consensus),
        "representative": {
            str(g): [r.statement for r in reps] for g, reps in opinion_map.representative.items()
        },
        "divisive": list(opinion_map.divisive),
        "group_sizes": {str(g.id): g.size for g in opinion_map.groups},
        "majority": {
            "agree": [m.statement for m in opinion_map.majority if m.vote == "agree"],
            "disagree": [m.statement for m in opinion_map.majority if m.vote == "disagree"],
        },
        "group_informed_consensus": {
            s.statement: s.group_informed_consensus for s in opinion_map.statements
        },
        "silhouettes": {str(k): v for k, v in opinion_map.silhouettes.items()},
    }
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    if args.timings:
        sys.stdout.flush()
        print(
            f"timings (CPU seconds): start-up {started:.3f}, imports {imported - started:.3f}, "
            f"reading {read - imported:.3f}, map {computed - read:.3f}, "
            f"output {time.process_time() - computed:.3f}",
            file=sys.stderr,
        )
    return 0
