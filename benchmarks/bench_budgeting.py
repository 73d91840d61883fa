"""Benchmark of the budgeting engine against pabutools on Łódź 2022 (90,494 voters).

Run: ``.venv/bin/python benchmarks/bench_budgeting.py [--quick] [--file F.pb] [--repeat N]``.

Every measurement is a whole process (interpreter start, imports, reading the file,
computing, printing), timed from outside: wall time, and CPU time (user + system, which
moves less when the machine is shared); peak memory is the child's maximum resident set
size (``wait4`` rusage). Ours and the floor are the best of ``--repeat`` runs, after one
untimed run. The floor is a process that only reads the file with the csv module.
``--quick`` skips pabutools' Equal Shares with add1 completion (minutes and over a gigabyte).

The children run with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` removed from their
environment), as an installed package has its ``.pyc`` files: otherwise our modules, unlike
the standard library's csv and an installed numpy, would be compiled again in every run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FILE = (
    Path(os.environ.get("VOOROP_SHARED_DATA", REPO.parent / "shared" / "data"))
    / "pabulib"
    / "Poland_Lodz_2022.pb"
)

FLOOR = """
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as fh:
    rows = sum(1 for _ in csv.reader(fh, delimiter=";"))
print(rows)
"""

PABUTOOLS = """
import json, sys
from pabutools.election import Cost_Sat, parse_pabulib
from pabutools.rules import exhaustion_by_budget_increase, method_of_equal_shares
instance, profile = parse_pabulib(sys.argv[1])
if sys.argv[2] == "none":
    out = method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
else:
    out = exhaustion_by_budget_increase(
        instance, profile, method_of_equal_shares, {"sat_class": Cost_Sat},
        budget_step=profile.num_ballots(), exhaustive_stop=False,
    )
print(json.dumps({"selected": sorted(p.name for p in out),
                  "total_cost": int(sum(p.cost for p in out))}))
"""


CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_measured(cmd: list[str]) -> tuple[float, float, str, float]:
    """(wall seconds, peak RSS in MiB, stdout, CPU seconds) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=CHILD_ENV
    )
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} failed: {err.decode()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, usage.ru_maxrss / 1024, out.decode(), cpu  # ru_maxrss is in KiB


def best_of(cmd: list[str], repeat: int) -> tuple[float, float, str, float]:
    run_measured(cmd)  # warm-up: bytecode caches, file in the page cache
    results = [run_measured(cmd) for _ in range(repeat)]
    return (
        min(r[0] for r in results),
        max(r[1] for r in results),
        results[0][2],
        min(r[3] for r in results),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--quick", action="store_true", help="skip pabutools' add1 (~70 s)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours and the floor")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"missing {args.file} (set VOOROP_SHARED_DATA)", file=sys.stderr)
        return 2
    py = sys.executable
    pb = str(args.file)
    print(f"file: {args.file.name}   cpus: {os.cpu_count()}   python: {sys.version.split()[0]}")

    print(f"{'':<34} {'wall':>8}   {'CPU':>8}   {'peak RSS':>8}")
    floor_t, floor_m, _, floor_c = best_of([py, "-c", FLOOR, pb], args.repeat)
    print(f"{'floor (csv read only)':<34} {floor_t:8.2f} s {floor_c:8.2f} s {floor_m:8.0f} MiB")

    ok = True
    for completion in ("none", "add1"):
        label = "Equal Shares" + (" + add1" if completion == "add1" else "")
        ours_cmd = [
            py,
            "-m",
            "voorop.engines.budgeting",
            "compute",
            pb,
            "--rule",
            "mes",
            "--completion",
            completion,
            "--format",
            "json",
        ]
        ours_t, ours_m, ours_out, ours_c = best_of(ours_cmd, args.repeat)
        ours_sel = sorted(json.loads(ours_out)["selected"])
        print(
            f"{'ours: ' + label:<34} {ours_t:8.2f} s {ours_c:8.2f} s {ours_m:8.0f} MiB"
            f"   vs floor: {ours_t / floor_t:.1f}x wall, {ours_c / floor_c:.1f}x CPU"
        )
        if completion == "add1" and args.quick:
            print(f"{'pabutools: ' + label:<34}  skipped (--quick)")
            continue
        ref_t, ref_m, ref_out, ref_c = run_measured([py, "-c", PABUTOOLS, pb, completion])
        ref_sel = json.loads(ref_out)["selected"]
        same = ref_sel == ours_sel
        ok &= same
        print(f"{'pabutools: ' + label:<34} {ref_t:8.2f} s {ref_c:8.2f} s {ref_m:8.0f} MiB")
        print(
            f"{'  ratio pabutools/ours':<34} {ref_t / ours_t:7.1f}x  {ref_c / ours_c:7.1f}x "
            f" {ref_m / ours_m:7.1f}x   winners identical: {'yes' if same else 'NO'} "
            f"({len(ours_sel)} projects)"
        )
        if completion == "none":
            # The goal for a single Equal Shares run: the whole process within 3 times the
            # floor's CPU time, and at most a tenth of pabutools' memory.
            print(
                f"{'  goal: CPU <= 3x floor':<34} {'yes' if ours_c <= 3 * floor_c else 'NO'} "
                f"({ours_c / floor_c:.2f}x);  peak RSS <= pabutools / 10: "
                f"{'yes' if ours_m * 10 <= ref_m else 'NO'} ({ref_m / ours_m:.0f}x less)"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
