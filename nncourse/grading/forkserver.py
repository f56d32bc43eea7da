"""The grader's side of the preloaded worker (:mod:`.zygote`): start it once, fork a worker per cell.

:func:`forked_worker` gives a :class:`ForkedWorker` — what
:class:`~.remote.Submission` uses in place of a cold-started worker process —
or None when the zygote cannot be used (no sandbox, switched off with
``NNCOURSE_ZYGOTE=0``, or it failed to start; the caller then starts a cold
worker, as before).

One zygote runs per grading process and protected copy of ``nncourse``, in
the same bubblewrap sandbox as a cold worker, started from a thread that
lives as long as the process (bubblewrap's ``--die-with-parent`` follows the
thread that started it).  As root, it runs as a uid of its own
(:func:`~.sandbox.zygote_uid`), never one that closing a cold worker kills.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import json
import logging
import os
import resource
import select
import socket
import subprocess
import threading

from .limits import Limits
from .sandbox import bwrap_path, shown_paths, worker_command, zygote_uid

START_SECONDS = 30.0     # longest the zygote may take to import numpy and nncourse
ANSWER_SECONDS = 10.0    # longest one request to the zygote may take
MAX_STARTS = 3           # a zygote that keeps dying is given up for this process


class ZygoteUnavailable(RuntimeError):
    """The zygote cannot fork a worker; the caller starts a cold one instead."""


# each forked worker mounts a fresh, empty /tmp and /dev/shm over the zygote's
PRIVATE_MOUNTS = ("/tmp", "/dev/shm")


log = logging.getLogger("nncourse.grading")
_WARNED: set[str] = set()


def _warn_once(message: str) -> None:
    """Say once per process why workers start cold (slower, as isolated): never a silent fallback."""
    if message not in _WARNED:
        _WARNED.add(message)
        log.warning("%s", message)


@functools.lru_cache(maxsize=None)
def _hidden_by_private_mounts(paths: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(path for path in map(os.path.abspath, paths)
                 if any(path == top or path.startswith(top + "/") for top in PRIVATE_MOUNTS))


def enabled() -> bool:
    """Whether workers are forked from a zygote: sandboxed grading, unless ``NNCOURSE_ZYGOTE=0``.

    Not when the Python installation or nncourse lies under ``/tmp`` or ``/dev/shm`` (a course
    checked out there): a forked worker's fresh ``/tmp`` would hide them, so such a course is
    graded by cold-started workers, whose sandbox mounts them on top of its private ``/tmp``
    (a warning says so, once).
    """
    if os.environ.get("NNCOURSE_ZYGOTE", "1") == "0" or bwrap_path() is None:
        return False
    hidden = _hidden_by_private_mounts(tuple(shown_paths()))
    if hidden:
        _warn_once(f"{hidden[0]} lies under {', '.join(PRIVATE_MOUNTS)}, which every forked worker gets "
                   "fresh: workers start cold (slower, as isolated); install the course elsewhere to fork them")
    return not hidden


def _host_pid(sandbox_root: int, ns_pid: int) -> int | None:
    """The host pid of the process whose pid is ``ns_pid`` in the sandbox below host pid ``sandbox_root``."""
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/status") as fh:
                for line in fh:
                    if line.startswith("NSpid:"):
                        ids = line.split()[1:]
                        break
                else:
                    continue
        except OSError:
            continue
        if len(ids) >= 2 and int(ids[1]) == ns_pid and _descends(int(name), sandbox_root):
            return int(name)
    return None


def _descends(pid: int, root: int) -> bool:
    from .watch import _stat

    for _ in range(64):
        if pid == root:
            return True
        info = _stat(str(pid))
        if info is None or info[0] <= 1:
            return False
        pid = info[0]
    return False


class Zygote:
    """One zygote process in its sandbox, and the channel to it (one request at a time)."""

    def __init__(self, copy_dir: str, limits: Limits):
        self.copy_dir, self.limits = copy_dir, limits
        self.lock = threading.Lock()
        self.proc: subprocess.Popen | None = None
        self.control: socket.socket | None = None
        self.ns_pid: int | None = None
        self.preloaded: list[str] = []
        self._release = threading.Event()
        self._started = threading.Event()
        self._error: BaseException | None = None

    # -- start and stop
    def start(self) -> None:
        thread = threading.Thread(target=self._run, name="nncourse-zygote", daemon=True)
        thread.start()
        self._started.wait()
        if self._error is not None:
            raise ZygoteUnavailable(f"the preloaded worker did not start: {self._error}")

    def _run(self) -> None:
        try:
            self._launch()
        except BaseException as exc:  # noqa: BLE001 - reported to the thread that asked for it
            self._error = exc
            self.close()
        finally:
            self._started.set()
        self._release.wait()   # the sandbox lives as long as this thread

    def _launch(self) -> None:
        # the zygote's own limits: no CPU limit (it forks for a whole class); each worker sets the cell's
        own = dataclasses.replace(self.limits, cpu_seconds=resource.RLIM_INFINITY)
        cmd = worker_command(self.copy_dir, own, zygote_uid(), module="nncourse.grading.zygote",
                             caps=("CAP_SYS_ADMIN",))
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.proc = subprocess.Popen(cmd.argv, stdin=theirs.fileno(), stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL, env=cmd.env, preexec_fn=cmd.preexec,
                                         close_fds=True, pass_fds=cmd.pass_fds)
        finally:
            theirs.close()
            for fd in cmd.pass_fds:
                os.close(fd)
        self.control = ours
        ready = self._receive(START_SECONDS)
        if not isinstance(ready, dict) or not ready.get("ready"):
            raise RuntimeError(f"unexpected first message {ready!r}")
        self.ns_pid = int(ready["pid"])
        self.preloaded = [str(m) for m in ready.get("preloaded", [])]

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None and self.control is not None

    def close(self) -> None:
        """Stop the zygote: it exits when its channel closes (its workers are reaped, so the CPU time of
        the whole tree reaches this process's accounting); killed with its sandbox if it does not."""
        if self.control is not None:
            self.control.close()
            self.control = None
        if self.proc is not None:
            from .remote import _kill

            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass
            # everything the zygote started lives in its sandbox's pid namespace, which ends with it
            # (no kill by uid: the other zygote of this process runs as the same uid)
            _kill(self.proc)
            self.proc = None
        self._release.set()

    # -- requests
    def _receive(self, seconds: float):
        self.control.settimeout(seconds)
        try:
            data = self.control.recv(65536)
        except (TimeoutError, OSError) as exc:
            raise ZygoteUnavailable(f"the preloaded worker did not answer ({exc})") from None
        if not data:
            raise ZygoteUnavailable("the preloaded worker exited")
        answer = json.loads(data)
        if "ok" not in answer:
            raise ZygoteUnavailable(f"the preloaded worker refused: {answer.get('error')}")
        return answer["ok"]

    def request(self, msg: dict, fds: tuple[int, ...] = (), seconds: float = ANSWER_SECONDS):
        with self.lock:
            if not self.alive():
                raise ZygoteUnavailable("the preloaded worker is not running")
            try:
                socket.send_fds(self.control, [json.dumps(msg).encode()], list(fds))
            except OSError as exc:
                raise ZygoteUnavailable(f"the preloaded worker is gone ({exc})") from None
            return self._receive(seconds)

    def fork(self, limits: Limits) -> "ForkedWorker":
        """A fresh worker for one cell, with ``limits``."""
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        try:
            child = int(self.request({"op": "spawn", "limits": limits.rlimits()}, (to_child_r, from_child_w)))
        except BaseException:
            for fd in (to_child_w, from_child_r):
                os.close(fd)
            raise
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        return ForkedWorker(self, child, os.fdopen(to_child_w, "wb"), os.fdopen(from_child_r, "rb", buffering=0))


class ForkedWorker:
    """One worker forked by a :class:`Zygote`, with the parts of ``subprocess.Popen`` that
    :class:`~.remote.Submission` uses: ``stdin``, ``stdout``, ``pid`` (host pid of the worker's
    keeper: the root of its process tree), ``poll()``, ``wait(timeout)`` and ``kill()``."""

    def __init__(self, zygote: Zygote, child: int, stdin, stdout):
        self.zygote, self.child, self.stdin, self.stdout = zygote, child, stdin, stdout
        self.returncode: int | None = None
        self._pid: int | None = None

    @property
    def pid(self) -> int:
        if self._pid is None:
            root = self.zygote.proc.pid if self.zygote.proc is not None else 0
            # not found: count the whole sandbox (never less than the worker's own tree)
            self._pid = _host_pid(root, self.child) or root
        return self._pid

    def _ask(self, op: str, **extra) -> int | None:
        if self.returncode is not None:
            return self.returncode
        try:
            status = self.zygote.request({"op": op, "id": self.child, **extra},
                                         seconds=ANSWER_SECONDS + extra.get("timeout", 0))
        except ZygoteUnavailable:
            status = 137   # the zygote and everything it forked are gone: as if killed
        if status is not None:
            self.returncode = int(status)
        return self.returncode

    def poll(self) -> int | None:
        # the worker and whatever it started hold the only write end of its output: while no
        # end-of-file is readable there, the worker is alive and the zygote need not be asked
        if self.returncode is None and not select.select([self.stdout], [], [], 0)[0]:
            return None
        return self._ask("poll")

    def wait(self, timeout: float | None = None) -> int:
        status = self._ask("wait", timeout=float(timeout or 0))
        if status is None:
            raise subprocess.TimeoutExpired("forked worker", timeout)
        return status

    def kill(self) -> None:
        """Kill the worker and everything it started (its pid namespace), then close the pipes."""
        self._ask("kill")
        for stream in (self.stdin, self.stdout):
            try:
                stream.close()
            except OSError:
                pass


_ZYGOTES: dict[tuple[str, Limits], Zygote] = {}   # least recently used first
_STARTS: dict[tuple[str, Limits], int] = {}
_LOCK = threading.Lock()
# zygotes kept running per process: every zygote's sandbox counts against its uid's process
# allowance (RLIMIT_NPROC), which the workers it forks share
MAX_ZYGOTES = 2


def zygote_for(copy_dir: str, limits: Limits) -> Zygote:
    """The running zygote of this process for ``copy_dir`` and ``limits`` (started on first use;
    the least recently used one is stopped when more than :data:`MAX_ZYGOTES` would run)."""
    key = (copy_dir, limits)
    with _LOCK:
        zyg = _ZYGOTES.pop(key, None)
        if zyg is not None and zyg.alive():
            _ZYGOTES[key] = zyg
            return zyg
        if zyg is not None:
            zyg.close()
        if _STARTS.get(key, 0) >= MAX_STARTS:
            raise ZygoteUnavailable(f"the preloaded worker failed {MAX_STARTS} times in this process")
        _STARTS[key] = _STARTS.get(key, 0) + 1
        while len(_ZYGOTES) >= MAX_ZYGOTES:
            _ZYGOTES.pop(next(iter(_ZYGOTES))).close()
        zyg = Zygote(copy_dir, limits)
        zyg.start()
        _ZYGOTES[key] = zyg
        return zyg


def prestart(copy_dir: str, limits: Limits) -> None:
    """Start this process's zygote for ``copy_dir`` and ``limits`` in the background (if enabled)."""
    if enabled():
        def start():
            try:
                zygote_for(copy_dir, limits)
            except ZygoteUnavailable:
                pass   # the first worker asked for starts cold

        threading.Thread(target=start, name="nncourse-zygote-start", daemon=True).start()


def forked_worker(copy_dir: str, limits: Limits) -> ForkedWorker | None:
    """A worker forked from this process's zygote, or None (start a cold worker instead)."""
    if not enabled():
        return None
    try:
        return zygote_for(copy_dir, limits).fork(limits)
    except ZygoteUnavailable as exc:
        _warn_once(f"{exc}: this process's workers start cold (slower, as isolated)")
        return None


def shutdown() -> None:
    """Stop every zygote of this process."""
    with _LOCK:
        for zyg in _ZYGOTES.values():
            zyg.close()
        _ZYGOTES.clear()


atexit.register(shutdown)
