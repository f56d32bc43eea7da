"""A one-line progress report for long grading runs, on stderr.

    [autograde 04-backprop] 120/1000 students, 2 failed, 41.3 submissions/min, ETA 21m18s

On a terminal the line is redrawn in place; otherwise a line is written at
most every ``every`` seconds, and always at the end.
"""

from __future__ import annotations

import sys
import time


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{s:02d}s" if m else f"{s}s"


class Progress:
    """Counts finished submissions of ``total``; :meth:`line` is the report."""

    def __init__(self, label: str, total: int, stream=None, every: float = 5.0, clock=time.monotonic):
        self.label, self.total = label, int(total)
        self.stream = sys.stderr if stream is None else stream
        self.every, self.clock = every, clock
        self.done = self.failed = 0
        self.start = clock()
        self._shown = float("-inf")
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def rate(self) -> float:
        """Submissions per minute so far."""
        elapsed = self.clock() - self.start
        return 60.0 * self.done / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        rate = self.rate()
        left = self.total - self.done
        eta = _duration(60.0 * left / rate) if rate > 0 and left > 0 else "0s" if left <= 0 else "?"
        return (f"[{self.label}] {self.done}/{self.total} students, {self.failed} failed, "
                f"{rate:.1f} submissions/min, ETA {eta}")

    def update(self, failed: bool = False) -> None:
        self.done += 1
        self.failed += int(bool(failed))
        now = self.clock()
        if self._tty or now - self._shown >= self.every or self.done >= self.total:
            self._shown = now
            end = "" if self._tty and self.done < self.total else "\n"
            self.stream.write(("\r" if self._tty else "") + self.line() + end)
            self.stream.flush()
