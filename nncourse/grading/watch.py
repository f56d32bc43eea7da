"""How much memory a worker's whole process tree holds (Linux ``/proc``).

``RLIMIT_AS`` caps each process; a submission that forks gets one such
allowance per child.  :func:`tree_rss` adds up the resident memory of a
process and all its descendants — children a sandboxed worker forks, and
orphans, which bwrap's own init inside the sandbox adopts, stay below the
worker's bwrap — so the grader can kill the tree when the sum is too large.
"""

from __future__ import annotations

import os

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _fields(pid: str) -> list[bytes] | None:
    """The fields of ``/proc/<pid>/stat`` from the state on (field 3), or None if the process is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    # the command name (field 2) may hold spaces and parentheses: split after its last ')'
    return data[data.rfind(b")") + 2:].split()


def _stat(pid: str) -> tuple[int, int] | None:
    """(parent pid, resident bytes) of ``pid``, or None if it is gone."""
    fields = _fields(pid)
    try:
        return int(fields[1]), int(fields[21]) * PAGE
    except (TypeError, IndexError, ValueError):
        return None


def tree_rss(root: int) -> int:
    """Resident bytes of process ``root`` and all its descendants (0 if unknown)."""
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return 0
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for p in pids:
        info = _stat(p)
        if info is None:
            continue
        children.setdefault(info[0], []).append(int(p))
        rss[int(p)] = info[1]
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def _exited(pid: str) -> bool:
    """Whether process ``pid`` has exited and waits only to be reaped (a zombie): it holds no memory and
    runs nothing.  A killed sandbox's processes are reaped by the host's init, not by the grader, which
    may take a second or more; waiting for that made every worker's close cost over a second."""
    fields = _fields(pid)
    return not fields or fields[0] in (b"Z", b"X")


def kill_uid(uid: int, wait_seconds: float = 3.0) -> int:
    """SIGKILL every process of ``uid`` and wait until each has exited; return how many there were.

    Only for a uid that belongs to one grader's workers alone (see
    :func:`nncourse.grading.sandbox.worker_uid`): it makes sure the next worker
    starts with the whole process allowance, whatever the last one forked.
    """
    import signal
    import time

    deadline = time.monotonic() + wait_seconds
    first = None
    while True:
        pids = []
        for p in os.listdir("/proc"):
            if p.isdigit():
                try:
                    if os.stat(f"/proc/{p}").st_uid == uid and not _exited(p):
                        pids.append(int(p))
                except OSError:
                    pass
        if first is None:
            first = len(pids)
        if not pids or time.monotonic() > deadline:
            return first
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        time.sleep(0.02)
