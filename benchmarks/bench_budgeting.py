"""Benchmark of the budgeting engine against pabutools, whole processes side by side.

Run: ``.venv/bin/python benchmarks/bench_budgeting.py [--quick] [--file F.pb] [--repeat N]``.

Two elections: Łódź 2022 (90,494 voters, 160 projects; the largest file in the shared data)
and a generated city-wide round the size of Warszawa 2026 (61,668 voters, 83 projects, up
to 10 projects per vote, so that nearly every vote differs: the hard case for us, as
identical votes cannot be merged). The real Warszawa 2026 file is not in the shared data.

Every measurement is a whole process (interpreter start, imports, reading the file,
computing, printing), timed from outside: wall time, and CPU time (user + system, which
moves less when the machine is shared); peak memory is the child's maximum resident set
size (``wait4`` rusage). Ours and the floor are the best of ``--repeat`` runs, after one
untimed run; pabutools runs once. The floor is a process that only reads the file with the
csv module. Our runs also report where their CPU time goes (``voorop pb compute
--timings``: start-up, reading, the rule, the output), from the best run. ``--quick`` skips
pabutools' Equal Shares with add1 completion (most of an hour and over a gigabyte).

The children run with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` removed from their
environment), as an installed package has its ``.pyc`` files: otherwise our modules, unlike
the standard library's csv and an installed numpy, would be compiled again in every run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FILE = (
    Path(os.environ.get("VOOROP_SHARED_DATA", REPO.parent / "shared" / "data"))
    / "pabulib"
    / "Poland_Lodz_2022.pb"
)
# The goal for Equal Shares, as a whole process: at least this many times less CPU time
# than pabutools, with the same winners.
GOAL_RATIO = 100

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
TIMINGS = re.compile(
    r"start-up (?P<start>[\d.]+), reading (?P<read>[\d.]+), rule (?P<rule>[\d.]+), "
    r"output (?P<out>[\d.]+)"
)


def write_warsaw_sized(path: Path, voters: int = 61_668, projects: int = 83) -> None:
    """A city-wide round the size of Warszawa 2026, in pabulib format (seeded, so the same
    file every time): the columns of Warsaw's files, costs from 50,000 to 2 million
    złoty, a budget for about 40 % of the total cost, votes of 1 to 10 projects (a third of
    the voters use all 10) drawn by a skewed popularity."""
    rng = random.Random(2026)
    ids = [str(1000 + 37 * k) for k in range(projects)]
    costs = [
        rng.choice([50_000, 120_000, 250_000, 400_000, 600_000, 900_000, 1_500_000, 2_000_000])
        + rng.randrange(50_000)
        for _ in ids
    ]
    popularity = [1 / (k + 3) ** 0.9 for k in range(projects)]
    rng.shuffle(popularity)
    lines = [
        "META",
        "key;value",
        "description;Generated city-wide PB the size of Warszawa 2026",
        "country;Poland",
        "unit;Warszawa",
        "instance;2026",
        f"num_projects;{projects}",
        f"num_votes;{voters}",
        "budget;25000000",
        "vote_type;approval",
        "rule;greedy",
        "max_length;10",
        "PROJECTS",
        "project_id;cost;name",
        *(f"{pid};{cost};Project {pid}" for pid, cost in zip(ids, costs, strict=True)),
        "VOTES",
        "voter_id;vote;age;sex;voting_method",
    ]
    for v in range(voters):
        size = rng.choices(range(1, 11), [8, 5, 5, 5, 6, 4, 4, 4, 4, 30])[0]
        chosen: set[int] = set()
        while len(chosen) < size:
            chosen.add(rng.choices(range(projects), popularity)[0])
        vote = ",".join(ids[j] for j in sorted(chosen))
        sex = rng.choice("MF")
        method = rng.choice(["internet", "paper"])
        lines.append(f"{300_000 + v};{vote};{rng.randrange(13, 90)};{sex};{method}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_measured(cmd: list[str]) -> tuple[float, float, str, float, str]:
    """(wall seconds, peak RSS in MiB, stdout, CPU seconds, stderr) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=CHILD_ENV
    )
    # Not communicate(): it would reap the child before wait4 could read its usage. The
    # children write little on stderr, so reading stdout first cannot block them.
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} failed: {err.decode()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    # ru_maxrss is in KiB
    return elapsed, usage.ru_maxrss / 1024, out.decode(), cpu, err.decode()


def best_of(cmd: list[str], repeat: int) -> tuple[float, float, str, float, str]:
    """The best of ``repeat`` runs after a warm-up (bytecode caches, the file in the page
    cache): least wall and CPU time, most memory, and the stderr of the least-CPU run."""
    run_measured(cmd)
    results = [run_measured(cmd) for _ in range(repeat)]
    cheapest = min(results, key=lambda r: r[3])
    return (
        min(r[0] for r in results),
        max(r[1] for r in results),
        results[0][2],
        cheapest[3],
        cheapest[4],
    )


def measure(label: str, pb: str, args: argparse.Namespace, floor_c: float, floor_t: float) -> bool:
    """Ours against pabutools on one file: Equal Shares, and with ``add1`` for Łódź."""
    py = sys.executable
    ok = True
    completions = ("none", "add1") if args.add1 else ("none",)
    for completion in completions:
        rule = "Equal Shares" + (" + add1" if completion == "add1" else "")
        ours_cmd = [
            *(py, "-m", "voorop.engines.budgeting", "compute", pb),
            *("--rule", "mes", "--completion", completion, "--format", "json", "--timings"),
        ]
        ours_t, ours_m, ours_out, ours_c, ours_err = best_of(ours_cmd, args.repeat)
        ours_sel = sorted(json.loads(ours_out)["selected"])
        print(
            f"{'ours: ' + rule:<34} {ours_t:8.2f} s {ours_c:8.2f} s {ours_m:8.0f} MiB"
            f"   vs floor: {ours_t / floor_t:.1f}x wall, {ours_c / floor_c:.1f}x CPU"
        )
        split = TIMINGS.search(ours_err)
        if split:
            print(
                f"{'  where (CPU)':<34} start-up {split['start']} s, reading {split['read']} s, "
                f"rule {split['rule']} s, output {split['out']} s"
            )
        if completion == "add1" and args.quick:
            print(f"{'pabutools: ' + rule:<34}  skipped (--quick)")
            continue
        ref_t, ref_m, ref_out, ref_c, _ = run_measured([py, "-c", PABUTOOLS, pb, completion])
        ref_sel = json.loads(ref_out)["selected"]
        same = ref_sel == ours_sel
        ok &= same
        print(f"{'pabutools: ' + rule:<34} {ref_t:8.2f} s {ref_c:8.2f} s {ref_m:8.0f} MiB")
        print(
            f"{'  ratio pabutools/ours':<34} {ref_t / ours_t:7.1f}x  {ref_c / ours_c:7.1f}x "
            f" {ref_m / ours_m:7.1f}x   winners identical: {'yes' if same else 'NO'} "
            f"({len(ours_sel)} projects)"
        )
        if completion == "none":
            print(
                f"{f'  goal: CPU >= {GOAL_RATIO}x less':<34} "
                f"{'yes' if ref_c >= GOAL_RATIO * ours_c else 'NO'} ({ref_c / ours_c:.0f}x);  "
                f"peak RSS <= pabutools / 10: {'yes' if ours_m * 10 <= ref_m else 'NO'} "
                f"({ref_m / ours_m:.0f}x less)"
            )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--quick", action="store_true", help="skip pabutools' add1 (~50 min)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours and the floor")
    parser.add_argument(
        "--no-generated", action="store_true", help="leave out the Warszawa-2026-sized file"
    )
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"missing {args.file} (set VOOROP_SHARED_DATA)", file=sys.stderr)
        return 2
    print(f"cpus: {os.cpu_count()}   python: {sys.version.split()[0]}")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        files = [(args.file.name, args.file, True)]
        if not args.no_generated:
            generated = Path(tmp) / "Generated_Warszawa_2026_sized.pb"
            write_warsaw_sized(generated)
            files.append((f"{generated.name} (61,668 voters, 83 projects)", generated, False))
        for label, path, add1 in files:
            print(f"\nfile: {label}")
            print(f"{'':<34} {'wall':>8}   {'CPU':>8}   {'peak RSS':>8}")
            pb = str(path)
            floor_cmd = [sys.executable, "-c", FLOOR, pb]
            floor_t, floor_m, _, floor_c, _ = best_of(floor_cmd, args.repeat)
            print(
                f"{'floor (csv read only)':<34} {floor_t:8.2f} s {floor_c:8.2f} s "
                f"{floor_m:8.0f} MiB"
            )
            args.add1 = add1
            ok &= measure(label, pb, args, floor_c, floor_t)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
