"""Small helpers around highspy: a silent solver instance and CSR row building."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import highspy
import numpy as np

from .compiled import Compiled
from .model import SolverError

INF = highspy.kHighsInf


_banner_suppressed = False


def _construct_quietly() -> highspy.Highs:
    # HiGHS writes a copyright banner to the C-level stdout when the first instance is
    # created, before any option can be set; that would corrupt the CLI's JSON output.
    global _banner_suppressed
    if _banner_suppressed:
        return highspy.Highs()
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:
        return highspy.Highs()
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _banner_suppressed = True
    return h


def new_highs(*, threads: int | None = None) -> highspy.Highs:
    # HiGHS logs by default; a library must stay quiet.
    h = _construct_quietly()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    # Fixed seed so that repeated runs on the same data take the same solver path.
    h.setOptionValue("random_seed", 0)
    # The models are small; HiGHS's worker threads cost more in start-up than they gain.
    h.setOptionValue("threads", threads or int(os.environ.get("VOOROP_HIGHS_THREADS", "1")))
    return h


def add_rows(
    h: highspy.Highs,
    rows: Sequence[np.ndarray],
    lower: Sequence[float],
    upper: Sequence[float],
    values: Sequence[np.ndarray] | None = None,
) -> None:
    """Add rows given as arrays of column indices (coefficient 1 unless `values`)."""
    if not rows:
        return
    starts = np.zeros(len(rows), dtype=np.int32)
    lengths = np.array([len(r) for r in rows], dtype=np.int64)
    starts[1:] = np.cumsum(lengths)[:-1]
    indices = np.concatenate(rows).astype(np.int32)
    vals = (
        np.concatenate(values).astype(np.float64)
        if values is not None
        else np.ones(len(indices), dtype=np.float64)
    )
    h.addRows(
        len(rows),
        np.asarray(lower, dtype=np.float64),
        np.asarray(upper, dtype=np.float64),
        len(indices),
        starts,
        indices,
        vals,
    )


def add_panel_rows(h: highspy.Highs, problem: Compiled) -> int:
    """The rows every panel meets, over one column per person: the panel size, each quota's
    min and max, and at most one person per shared household. Returns how many were added."""
    rows = [np.arange(problem.n)]
    lower: list[float] = [float(problem.panel_size)]
    upper: list[float] = [float(problem.panel_size)]
    for q in range(problem.n_quotas):
        rows.append(problem.members(q))
        lower.append(float(problem.lower[q]))
        upper.append(float(problem.upper[q]))
    for group in problem.households:
        rows.append(group)
        lower.append(-INF)
        upper.append(1.0)
    add_rows(h, rows, lower, upper)
    return len(rows)


def panel_model(problem: Compiled, *, integer: bool) -> highspy.Highs:
    """maximise (objective set later) over one 0/1 column per person and the panel rows
    (add_panel_rows); `integer=False` gives its LP relaxation."""
    n = problem.n
    h = new_highs()
    h.addVars(n, np.zeros(n), np.ones(n))
    if integer:
        h.changeColsIntegrality(
            n,
            np.arange(n, dtype=np.int32),
            np.full(n, highspy.HighsVarType.kInteger, dtype=np.uint8),
        )
    add_panel_rows(h, problem)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    return h


def status(h: highspy.Highs) -> highspy.HighsModelStatus:
    return h.getModelStatus()


def is_optimal(h: highspy.Highs) -> bool:
    return h.getModelStatus() == highspy.HighsModelStatus.kOptimal


def is_infeasible(h: highspy.Highs) -> bool:
    return h.getModelStatus() in (
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    )


def require_optimal(h: highspy.Highs, what: str) -> None:
    if not is_optimal(h):
        raise SolverError(f"HiGHS could not solve the {what}: {h.modelStatusToString(status(h))}.")
