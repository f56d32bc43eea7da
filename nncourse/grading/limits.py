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

from dataclasses import dataclass

__all__ = ["Limits"]


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
