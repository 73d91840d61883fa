"""Progress reporting and cancellation, threaded through the long-running algorithms."""

from __future__ import annotations

import time

from .model import CancelCheck, ProgressCallback, SelectionCancelled


class Monitor:
    def __init__(self, progress: ProgressCallback | None, cancel: CancelCheck | None) -> None:
        self._progress = progress
        self._cancel = cancel
        self._last = -1.0
        self._last_time = 0.0
        self.started = time.perf_counter()

    def report(self, fraction: float, message: str, *, force: bool = False) -> None:
        if self._cancel is not None and self._cancel():
            raise SelectionCancelled("The selection was cancelled.")
        if self._progress is None:
            return
        fraction = min(1.0, max(0.0, fraction))
        now = time.perf_counter()
        # Throttle: a background task only needs a few updates per second.
        if force or fraction >= 1.0 or (now - self._last_time > 0.2 and fraction != self._last):
            self._last = fraction
            self._last_time = now
            self._progress(fraction, message)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started
