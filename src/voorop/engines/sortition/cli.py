"""Command line: ``voorop sortition ...`` and ``python -m voorop.engines.sortition ...``.

    select  --people P.csv --categories C.csv --id-column COL --panel-size N
            [--algorithm leximin|maximin|nash|legacy] --seed S [--format json|text]
            [--household-column COL] [--legacy-draws 1000] [--reserves R]
    check   --people P.csv --categories C.csv --id-column COL --panel-size N

Exit status: 0 success, 2 infeasible quotas (one line on stderr), 1 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys

from .csvio import quota_features, read_people_csv, read_quotas_csv
from .draw import draw_panel, draw_reserves
from .feasibility import check_feasibility
from .legacy import DEFAULT_LEGACY_DRAWS
from .model import (
    ENGINE_VERSION,
    Algorithm,
    InfeasibleQuotasError,
    Pool,
    Quota,
    SortitionError,
)
from .quotas import pool_digest
from .selection import find_distribution

EXIT_INFEASIBLE = 2
EXIT_BAD_INPUT = 1


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--people", required=True, help="people CSV (id column + features)")
    parser.add_argument(
        "--categories",
        required=True,
        help="quotas CSV: feature,value,min,max[,min_flex,max_flex] or category,name,...,min,max",
    )
    parser.add_argument("--id-column", required=True)
    parser.add_argument("--panel-size", required=True, type=int)
    parser.add_argument(
        "--household-column",
        default=None,
        help="at most one selected person per value of this column",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voorop sortition", description=f"Selection by lot (engine {ENGINE_VERSION})."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    select = sub.add_parser("select", help="compute the lottery and draw a panel")
    _common(select)
    select.add_argument("--algorithm", choices=[a.value for a in Algorithm], default="leximin")
    select.add_argument("--seed", required=True, help="public seed, fixed before the draw")
    select.add_argument("--format", choices=["json", "text"], default="json")
    select.add_argument(
        "--legacy-draws",
        type=int,
        default=DEFAULT_LEGACY_DRAWS,
        help="legacy only: draws used to estimate the probabilities",
    )
    select.add_argument(
        "--reserves", type=int, default=0, help="also draw this many reserves (json key)"
    )
    check = sub.add_parser("check", help="check whether the quotas can be met")
    _common(check)
    return parser


def _load(args: argparse.Namespace) -> tuple[Pool, tuple[Quota, ...]]:
    quotas = read_quotas_csv(args.categories)
    pool = read_people_csv(
        args.people,
        id_column=args.id_column,
        feature_columns=quota_features(quotas),
        household_column=args.household_column,
    )
    return pool, quotas


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    households = args.household_column is not None
    try:
        pool, quotas = _load(args)
        if args.command == "check":
            report = check_feasibility(pool, quotas, args.panel_size, households=households)
            if report.feasible:
                print(report.summary())
                return 0
            print(report.summary(), file=sys.stderr)
            for conflict in report.conflicts:
                print(f"  - {conflict.message}")
            return EXIT_INFEASIBLE
        distribution = find_distribution(
            pool,
            quotas,
            args.panel_size,
            algorithm=args.algorithm,
            households=households,
            legacy_draws=args.legacy_draws,
            legacy_seed=args.seed,
        )
        draw = draw_panel(distribution, args.seed)
        reserves = (
            draw_reserves(
                pool, quotas, draw.panel, args.seed, count=args.reserves, households=households
            )
            if args.reserves > 0
            else ()
        )
    except InfeasibleQuotasError as error:
        print(str(error), file=sys.stderr)
        return EXIT_INFEASIBLE
    except (SortitionError, OSError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.format == "json":
        out: dict = {
            "panel": list(draw.panel),
            "probabilities": {pid: distribution.probabilities[pid] for pid in pool.ids},
            "min_probability": distribution.min_probability,
        }
        if reserves:
            out["reserves"] = [r.person_id for r in reserves]
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(f"Engine {ENGINE_VERSION}, algorithm {distribution.algorithm.value}")
        print(f"Pool digest {pool_digest(pool, quotas, panel_size=args.panel_size)}")
        print(f"Seed {args.seed!r} -> u = {draw.random_value:.12f}, panel #{draw.panel_index}")
        print(f"Minimum selection probability {distribution.min_probability:.6f}")
        print("Panel: " + ", ".join(draw.panel))
        if reserves:
            print("Reserves: " + ", ".join(r.person_id for r in reserves))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
