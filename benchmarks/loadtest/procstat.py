"""CPU time of process trees from /proc (Linux): what a server spent, per request."""

from __future__ import annotations

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # The command name (field 2) may hold spaces: split after its closing parenthesis.
    return text[text.rindex(")") + 2 :].split()


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += children(current)
    return pids


def cpu_seconds(pids: list[int], *, with_reaped_children: bool = True) -> dict[int, float]:
    """utime + stime per process; with the CPU of its children that have exited and been
    waited for (a gunicorn master keeps that of workers it replaced)."""
    times = {}
    for pid in pids:
        fields = _stat(pid)
        if fields is None:
            continue
        # After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
        ticks = int(fields[11]) + int(fields[12])
        if with_reaped_children:
            ticks += int(fields[13]) + int(fields[14])
        times[pid] = ticks / TICKS
    return times


def spent_tree(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds a process tree spent between two snapshots (taken with the reaped
    children): a worker that exited in between is in its parent's children's time."""
    return sum(after.values()) - sum(before.values())


def spent_each(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds of unrelated processes (database backends); one that ended in between is
    left out, one that started counts whole."""
    return sum(value - before.get(pid, 0.0) for pid, value in after.items())
