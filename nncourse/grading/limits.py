"""The resource limits of one grading worker (one submission's sandboxed process).

A lesson may change them in ``[limits]`` of ``autograder/<lesson>/lesson.toml``
(:mod:`.lesson`).  Who enforces what:

* the kernel, set up by :mod:`.sandbox` before the worker starts:
  ``cpu_seconds``, ``memory_bytes``, ``file_bytes``, ``max_processes``;
* the grader's side of the worker, :mod:`.remote`: ``call_seconds``,
  ``load_seconds``, ``statement_seconds``, ``tree_memory_bytes`` and
  ``answer_bytes`` (and it names ``cpu_seconds``/``file_bytes`` when a worker
  dies of them);
* the engine, :mod:`.engine`: ``cell_seconds``, for all calls of one grade cell.
"""

from __future__ import annotations

import resource
from dataclasses import dataclass

__all__ = ["Limits", "set_rlimits"]

# the fields of Limits the kernel enforces on a process, and the resource each sets
RLIMITS = (("RLIMIT_CPU", "cpu_seconds"), ("RLIMIT_AS", "memory_bytes"), ("RLIMIT_FSIZE", "file_bytes"),
           ("RLIMIT_NPROC", "max_processes"))


@dataclass(frozen=True)
class Limits:
    """Resource limits for one worker process."""

    cpu_seconds: int = 60            # RLIMIT_CPU over the worker's whole life
    memory_bytes: int = 2 * 1024**3  # RLIMIT_AS
    file_bytes: int = 64 * 1024**2   # RLIMIT_FSIZE: largest file it may write
    call_seconds: float = 5.0        # wall clock for one call (enforced by the grader)
    load_seconds: float = 60.0       # wall clock for loading the notebook's definitions
    statement_seconds: float = 10.0  # one top-level statement while loading
    cell_seconds: float = 30.0       # wall clock for all calls while grading one cell
    max_processes: int = 32          # processes and threads of the worker's uid (grader run as root)
    tree_memory_bytes: int = 3 * 1024**3  # resident memory of the worker and all its children together
    answer_bytes: int = 8 * 1024**2  # largest answer the grader reads from the worker

    def rlimits(self) -> dict:
        """The fields the kernel enforces (:data:`RLIMITS`), as plain data for :func:`set_rlimits`."""
        return {key: getattr(self, key) for _, key in RLIMITS}


def set_rlimits(values: dict) -> None:
    """Hold the calling process to ``values`` (field of :class:`Limits` -> number; a missing field is
    left as it is), never above a hard limit it already has, and let it write no core file."""
    for name, key in RLIMITS:
        if key in values:
            which = getattr(resource, name)
            hard = resource.getrlimit(which)[1]
            value = int(values[key]) if hard == resource.RLIM_INFINITY else min(int(values[key]), hard)
            resource.setrlimit(which, (value, value))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
