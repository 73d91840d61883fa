"""Benchmark: our leximin (HiGHS) against sortition-algorithms' leximin (Gurobi).

    .venv/bin/python benchmarks/bench_sortition.py            # all cases
    .venv/bin/python benchmarks/bench_sortition.py --quick    # small cases only
    .venv/bin/python benchmarks/bench_sortition.py --timeout 300 --json results.json

Every solver run happens in its own subprocess with a time limit, so the benchmark always
finishes. sortition-algorithms (GPL-3.0) is only imported in those subprocesses, never by the
engine. With the size-limited free Gurobi licence its leximin fails from about 1,000
respondents ("Model too large for size-limited license"); that is reported as its result and
its maximin (HiGHS) is run instead, whose minimum probability must equal ours.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

SHARED_CASES = [
    # name, people, quotas, id column, panel size
    (
        "sa_fixtures",
        "sa_fixtures/candidates.csv",
        "sa_fixtures/features.csv",
        "nationbuilder_id",
        22,
    ),
    (
        "opendlp_monitoring",
        "opendlp_monitoring/respondents.csv",
        "opendlp_monitoring/categories.csv",
        "unique_id",
        30,
    ),
    ("synth_n500_k30", "synth/respondents_n500.csv", "synth/quotas_k30.csv", "person_id", 30),
    ("synth_n500_k100", "synth/respondents_n500.csv", "synth/quotas_k100.csv", "person_id", 100),
]
GENERATED_CASES = [
    (500, 30),
    (500, 100),
    (1000, 30),
    (1000, 100),
    (2000, 30),
    (2000, 100),
    (2000, 200),
]
QUICK_SHARED = {"sa_fixtures", "opendlp_monitoring"}
QUICK_GENERATED = [(300, 30)]


def shared_dir() -> Path | None:
    import os

    root = Path(os.environ.get("VOOROP_SHARED_DATA", REPO.parent / "shared" / "data"))
    folder = root / "sortition"
    return folder if folder.is_dir() else None


# -- one run (inside the subprocess) ---------------------------------------------------------


def run_ours(people: str, quotas: str, id_column: str, k: int, algorithm: str) -> dict:
    from voorop.engines.sortition import (
        find_distribution,
        quota_features,
        read_people_csv,
        read_quotas_csv,
    )

    q = read_quotas_csv(quotas)
    pool = read_people_csv(people, id_column=id_column, feature_columns=quota_features(q))
    start = time.perf_counter()
    cpu = time.process_time()
    dist = find_distribution(pool, q, k, algorithm=algorithm)
    return {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu,
        "min_probability": dist.min_probability,
        "panels": len(dist.panels),
        "stats": dict(dist.stats),
    }


def run_library(people: str, quotas: str, id_column: str, k: int, algorithm: str) -> dict:
    import logging

    logging.disable(logging.CRITICAL)
    sys.path.insert(0, str(REPO))
    from tests.engines.sortition.library import library_run, marginals

    features, pool, run = library_run(people, quotas, id_column, k, algorithm)
    start = time.perf_counter()
    cpu = time.process_time()
    committees, probabilities, _ = run(features, pool, k, [])
    elapsed = time.perf_counter() - start
    per_person = marginals(pool, committees, probabilities)
    return {
        "seconds": elapsed,
        "cpu_seconds": time.process_time() - cpu,
        "min_probability": float(min(per_person.values())),
        "panels": len(committees),
    }


# -- orchestration ---------------------------------------------------------------------------


def in_subprocess(
    solver: str, people: Path, quotas: Path, id_column: str, k: int, algorithm: str, timeout: float
) -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--one",
        solver,
        str(people),
        str(quotas),
        id_column,
        str(k),
        algorithm,
    ]
    start = time.perf_counter()

    def limit_cpu() -> None:
        # A CPU-time limit is fair on a busy machine; the wall-clock limit is only a backstop.
        resource.setrlimit(resource.RLIMIT_CPU, (int(timeout), int(timeout) + 5))

    try:
        done = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            # Generous: on a busy machine a process may get only a tenth of a core.
            timeout=max(10 * timeout, timeout + 300),
            check=False,
            preexec_fn=limit_cpu,
        )
    except subprocess.TimeoutExpired:
        return {
            "error": f"wall>{max(10 * timeout, timeout + 300):.0f}s",
            "seconds": time.perf_counter() - start,
        }
    if done.returncode < 0 or "CPU time limit" in done.stderr:
        return {"error": f"cpu>{timeout:.0f}s", "seconds": time.perf_counter() - start}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        err = (done.stderr.strip().splitlines() or ["no output"])[-1]
        if "size-limited license" in done.stderr:
            err = "Model too large for size-limited license"
        return {"error": err[:200], "seconds": time.perf_counter() - start}
    return json.loads(lines[-1])


def generated_files(tmp: Path, n: int, k: int) -> tuple[Path, Path]:
    from voorop.engines.sortition.synthetic import pool_to_csv, quotas_to_csv, synthetic_instance

    inst = synthetic_instance(n, k, seed=2026)
    people = tmp / f"gen_n{n}_k{k}_people.csv"
    quotas = tmp / f"gen_n{n}_k{k}_quotas.csv"
    people.write_text(pool_to_csv(inst.pool, id_column="id"))
    quotas.write_text(quotas_to_csv(inst.quotas))
    return people, quotas


def fmt(result: dict, key: str, spec: str) -> str:
    return format(result[key], spec) if key in result else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small cases only")
    parser.add_argument("--timeout", type=float, default=300.0, help="CPU seconds per solver run")
    parser.add_argument("--cases", help="comma-separated substrings: run only matching cases")
    parser.add_argument("--no-library", action="store_true", help="skip sortition-algorithms")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--one", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        solver, people, quotas, id_column, k, algorithm = args.one
        runner = run_ours if solver == "ours" else run_library
        print(json.dumps(runner(people, quotas, id_column, int(k), algorithm)))
        return 0

    cases: list[tuple[str, Path, Path, str, int]] = []
    folder = shared_dir()
    if folder is None:
        print("shared data not found; only generated pools are benchmarked", file=sys.stderr)
    else:
        for name, people, quotas, id_column, k in SHARED_CASES:
            if not args.quick or name in QUICK_SHARED:
                cases.append((name, folder / people, folder / quotas, id_column, k))
    tmp = Path(tempfile.mkdtemp(prefix="bench_sortition_"))
    for n, k in QUICK_GENERATED if args.quick else GENERATED_CASES:
        people, quotas = generated_files(tmp, n, k)
        cases.append((f"generated_n{n}_k{k}", people, quotas, "id", k))

    if args.cases:
        wanted = args.cases.split(",")
        cases = [c for c in cases if any(w in c[0] for w in wanted)]
    header = (
        f"{'case':<22}{'ours s':>8}{'cpu s':>8}{'ours min':>11}  {'library':<34}{'lib s':>8}"
        f"{'cpu s':>8}{'lib min':>11}{'x wall':>8}{'x cpu':>8}{'|d min|':>9}{'maximin s':>10}"
    )
    print(header)
    print("-" * len(header))
    results = []
    for name, people, quotas, id_column, k in cases:
        ours = in_subprocess("ours", people, quotas, id_column, k, "leximin", args.timeout)
        ours_maximin = in_subprocess("ours", people, quotas, id_column, k, "maximin", args.timeout)
        lib: dict = {}
        lib_label = "skipped"
        if not args.no_library:
            lib = in_subprocess("library", people, quotas, id_column, k, "leximin", args.timeout)
            lib_label = "leximin"
            if "error" in lib:
                lib_label = f"leximin: {lib['error'][:25]}"
                if "license" in lib["error"].lower():
                    maximin = in_subprocess(
                        "library", people, quotas, id_column, k, "maximin", args.timeout
                    )
                    lib = {**maximin, "leximin_error": lib["error"]}
                    lib_label = "leximin: licence too small; maximin"
        both = "min_probability" in lib and "min_probability" in ours
        speedup = f"{lib['seconds'] / ours['seconds']:.1f}" if both else "-"
        speedup_cpu = f"{lib['cpu_seconds'] / ours['cpu_seconds']:.1f}" if both else "-"
        diff = f"{abs(lib['min_probability'] - ours['min_probability']):.0e}" if both else "-"
        ours_s = fmt(ours, "seconds", ".1f") if "error" not in ours else ours["error"][:9]
        print(
            f"{name:<22}{ours_s:>8}{fmt(ours, 'cpu_seconds', '.1f'):>8}"
            f"{fmt(ours, 'min_probability', '.6f'):>11}  {lib_label:<34}"
            f"{fmt(lib, 'seconds', '.1f'):>8}{fmt(lib, 'cpu_seconds', '.1f'):>8}"
            f"{fmt(lib, 'min_probability', '.6f'):>11}{speedup:>8}{speedup_cpu:>8}{diff:>9}"
            f"{fmt(ours_maximin, 'seconds', '.1f'):>10}",
            flush=True,
        )
        results.append(
            {
                "case": name,
                "panel_size": k,
                "ours": ours,
                "ours_maximin": ours_maximin,
                "library": lib,
            }
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
