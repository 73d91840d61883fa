"""`make bench`: run every benchmark script in this folder, one after the other.

Each script measures Voorop against a baseline in the same run and prints ratios, because the
machines are shared and noisy. Arguments (e.g. --quick) are passed on to every script.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    failures = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script), *sys.argv[1:]], check=False)
        print(f"=== {script.name}: exit {result.returncode}, {time.perf_counter() - started:.0f} s")
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
