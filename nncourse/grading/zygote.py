"""A preloaded worker: one process per grading process that forks a fresh worker per graded cell.

Started by :mod:`nncourse.grading.forkserver` inside the same bubblewrap
sandbox a cold worker gets (``python -m nncourse.grading.zygote``), with
``CAP_SYS_ADMIN`` in the sandbox's user namespace only.  It imports Python,
numpy, the protected copy of ``nncourse`` and the worker's own modules once,
never runs student code, and serves requests from the grader on its stdin, a
``SOCK_SEQPACKET`` Unix socket (one JSON message per packet):

``{"op": "spawn", "limits": {...}}`` with two file descriptors attached (the
    child's protocol input and output) → ``{"ok": id}``: forks a worker;
``{"op": "poll", "id": n}`` → ``{"ok": status or null}`` (status as bwrap reports
    it: the exit code, or 128 + the signal that killed the worker);
``{"op": "wait", "id": n, "timeout": s}`` → ``{"ok": status or null}``;
``{"op": "kill", "id": n}`` → ``{"ok": status}``: kills the worker and everything it started
    (its pid namespace; the answer does not wait for the namespace to be emptied, which goes on
    while the grader runs the next cell; a later ``spawn`` that finds the uid's process allowance
    still taken waits for it).

What separates one cell's worker from the next (each fork goes three levels deep)::

    zygote ──fork── keeper (unshares pid, mount, network and IPC namespaces)
                      └─fork── init: pid 1 of the new pid namespace, dies with the keeper
                                 └─fork── worker: the student's code

* the worker is a fresh fork of a zygote that never ran student code: its
  memory is a copy-on-write copy, the zygote holds no writable shared mapping;
* its own pid namespace: it sees and signals no other worker, no keeper and
  not the zygote, and killing its keeper kills the namespace's init and with
  it every process the worker started (however it detached them);
* its own mount namespace with a fresh ``/tmp`` and ``/dev/shm`` and a
  ``/proc`` of its namespace only: no file a previous worker wrote survives;
* its own network and IPC namespaces: no abstract socket or System V object
  reaches another worker;
* the protocol pipe is its only inherited descriptor besides ``/dev/null``;
* its own resource limits (set after the fork: the CPU clock starts at zero),
  no capability (permitted, effective, inheritable and ambient sets emptied),
  no-new-privileges (set by bubblewrap), non-dumpable keeper and init.

This module runs next to the student's code (in the workers it forks) and
must stay free of anything secret, like :mod:`.worker`.
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import json
import os
import pkgutil
import select
import signal
import socket
import sys
import time

from nncourse.grading.limits import set_rlimits

CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWIPC = 0x20000, 0x20000000, 0x40000000, 0x08000000
MS_REC, MS_PRIVATE, MS_NOSUID, MS_NODEV = 1 << 14, 1 << 18, 2, 4
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 1, 4, 47, 4
_LINUX_CAPABILITY_VERSION_3 = 0x20080522

# nncourse modules a notebook imports; the rest (grading, self-checks, benches, the CLI) are not preloaded
SKIP_MODULES = ("grading", "checks", "cli", "start", "bench", "bench_grading", "bench_widgets",
                "reference_figures", "widget_references")

_libc = ctypes.CDLL(None, use_errno=True)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def drop_capabilities() -> None:
    """Empty this process's permitted, effective, inheritable and ambient capability sets."""
    _check(_libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "clear ambient capabilities")
    header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(_libc.capset(ctypes.byref(header), data), "capset")


# What notebooks import besides numpy and nncourse, each costing every worker its import if not
# preloaded (numpy.random alone, which numpy imports lazily, is ~10 ms of a worker's ~40 ms)
PRELOAD_MODULES = ("numpy.random", "copy", "functools", "itertools", "math", "time", "warnings",
                   "dataclasses", "collections", "typing", "threadpoolctl")


def preload() -> list[str]:
    """Import what every worker needs before any student code exists; the names imported."""
    import numpy  # noqa: F401

    import nncourse
    from nncourse.grading import effects, wire, worker  # noqa: F401

    done = ["numpy", "nncourse"]
    for name in PRELOAD_MODULES:
        try:
            importlib.import_module(name)
            done.append(name)
        except ImportError:   # not installed: a notebook importing it fails in the worker as it would anyway
            pass
    for info in pkgutil.iter_modules(nncourse.__path__):
        if info.name in SKIP_MODULES or info.name.startswith("_") and info.name != "_compare":
            continue
        try:
            importlib.import_module(f"nncourse.{info.name}")
            done.append(f"nncourse.{info.name}")
        except Exception:  # noqa: BLE001 - a module that cannot load is imported (and fails) in the worker
            pass
    return done


def _status(wait_status: int) -> int:
    """An exit status as bwrap reports it: the code, or 128 + the killing signal."""
    if os.WIFSIGNALED(wait_status):
        return 128 + os.WTERMSIG(wait_status)
    return os.WEXITSTATUS(wait_status)


def _mount(source: bytes, target: bytes, fstype: bytes | None, flags: int, data: bytes | None, what: str) -> None:
    _check(_libc.mount(source, target, fstype, flags, data), what)


FORK_WAIT_SECONDS = 5.0   # how long a fork waits for killed workers to give back the uid's process allowance


def _fork(before_retry=None) -> int:
    """``os.fork()``, retried while the uid's process allowance is taken (by workers still being
    killed, which takes milliseconds); ``before_retry()`` may help them go."""
    deadline = time.monotonic() + FORK_WAIT_SECONDS
    while True:
        try:
            return os.fork()
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise
            if before_retry is not None:
                before_retry()
            time.sleep(0.005)


def _worker(proto_in: int, proto_out: int, limits: dict) -> None:
    """The forked worker (pid 2 of its namespace): limits, no capability, then the student's code."""
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(proto_in, 0)
    os.dup2(proto_out, 1)
    os.dup2(devnull, 2)
    os.closerange(3, 1 << 16)   # the protocol pipe and /dev/null are all this process inherits
    os.setsid()
    set_rlimits(limits)
    drop_capabilities()
    from nncourse.grading import worker

    worker.main()


def _init(proto_in: int, proto_out: int, limits: dict, tmp_bytes: int) -> int:
    """pid 1 of the worker's namespace: private mounts, then start the worker and reap until it exits."""
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    _mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None, "make / private")
    size = f"size={int(tmp_bytes)},mode=1777".encode()
    _mount(b"tmpfs", b"/tmp", b"tmpfs", MS_NOSUID | MS_NODEV, size, "a fresh /tmp")
    if os.path.isdir("/dev/shm"):
        _mount(b"tmpfs", b"/dev/shm", b"tmpfs", MS_NOSUID | MS_NODEV, size, "a fresh /dev/shm")
    _mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV, None, "/proc of this namespace")
    drop_capabilities()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_IGN)
    pid = _fork()
    if pid == 0:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            _worker(proto_in, proto_out, limits)
        finally:
            os._exit(1)
    os.close(proto_in)
    os.close(proto_out)
    while True:  # reap orphans the worker leaves to pid 1; its own exit decides the status
        try:
            got, wait_status = os.waitpid(-1, 0)
        except ChildProcessError:
            return 1
        if got == pid:
            return _status(wait_status)


# what the keeper does on SIGTERM (the zygote's request to end its worker); until it is set, exit
_ON_TERM = None


def _on_term(signum, frame):
    if _ON_TERM is None:
        os._exit(128 + signal.SIGKILL)   # its init gets SIGKILL as the keeper dies (PDEATHSIG)
    _ON_TERM()


def _keeper(proto_in: int, proto_out: int, limits: dict, tmp_bytes: int) -> int:
    """The zygote's child: new namespaces, then wait for their init.

    On SIGTERM it kills the init, whose pid namespace the kernel empties
    before the init is reaped: when the keeper exits, nothing the worker
    started is left (and the worker's uid has its whole process allowance again).
    """
    global _ON_TERM
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC), "unshare")
    pid = _fork()
    if pid == 0:
        code = 1
        try:
            code = _init(proto_in, proto_out, limits, tmp_bytes)
        finally:
            os._exit(code)
    os.close(proto_in)
    os.close(proto_out)
    # a pidfd names this very init even once it is reaped: a kill never reaches a reused pid
    init = os.pidfd_open(pid)
    _ON_TERM = lambda: signal.pidfd_send_signal(init, signal.SIGKILL)  # noqa: E731
    _, wait_status = os.waitpid(pid, 0)
    return _status(wait_status)


class Zygote:
    def __init__(self, control: socket.socket):
        self.control = control
        self.children: dict[int, int | None] = {}   # keeper pid -> status once reaped
        self.dying: set[int] = set()                 # keepers told to end their worker, not yet reaped

    def _reap(self, pid: int, block: bool = False) -> int | None:
        if self.children.get(pid) is None:
            try:
                got, wait_status = os.waitpid(pid, 0 if block else os.WNOHANG)
            except ChildProcessError:
                got, wait_status = pid, 1 << 8
            if got == pid:
                self.children[pid] = _status(wait_status)
        return self.children.get(pid)

    def spawn(self, fds: list[int], limits: dict) -> int:
        if len(fds) != 2:
            for fd in fds:
                os.close(fd)
            raise ValueError("spawn needs the protocol's input and output")
        tmp_bytes = int(limits.get("file_bytes", 64 * 1024**2)) * 4
        self._reap_dying()
        try:
            pid = _fork(self._reap_dying)
        except OSError:
            for fd in fds:
                os.close(fd)
            raise
        if pid == 0:
            code = 1
            try:
                self.control.close()
                code = _keeper(fds[0], fds[1], limits, tmp_bytes)
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)
        self.children[pid] = None
        return pid

    def kill(self, pid: int, block: bool = False) -> int | None:
        """End worker ``pid`` (its keeper's pid) and everything it started; its exit status.

        The keeper kills the worker's pid namespace at once; unless ``block``, the
        zygote answers without waiting for the namespace to be emptied and reaps the
        keeper while the grader goes on with the next cell: a worker that had not
        exited by itself is reported as killed (128 + SIGKILL).
        """
        if self.children.get(pid, 0) is None and self._reap(pid) is None:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self.dying.add(pid)
            return self._reap(pid, block=True) if block else 128 + signal.SIGKILL
        return self.children.get(pid)

    def _reap_dying(self, block: bool = False) -> None:
        for pid in list(self.dying):
            if self._reap(pid, block=block) is not None:
                self.dying.discard(pid)
                self.children.pop(pid, None)

    def wait(self, pid: int, timeout: float) -> int | None:
        deadline = time.monotonic() + timeout
        while self._reap(pid) is None and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.children.get(pid)

    def handle(self, msg: dict, fds: list[int]):
        op = msg.get("op")
        if op == "spawn":
            return self.spawn(fds, dict(msg.get("limits") or {}))
        for fd in fds:
            os.close(fd)
        pid = int(msg["id"])
        if pid not in self.children:
            raise ValueError(f"no worker {pid}")
        if op == "poll":
            return self._reap(pid)
        if op == "wait":
            return self.wait(pid, float(msg.get("timeout", 0)))
        if op == "kill":
            status = self.kill(pid)
            if pid not in self.dying:
                self.children.pop(pid, None)
            return status
        raise ValueError(f"unknown request {op!r}")

    def serve(self) -> None:
        while True:
            ready, _, _ = select.select([self.control], [], [], 0.5)
            for pid in [p for p, s in self.children.items() if s is None]:
                self._reap(pid)
            self._reap_dying()
            if not ready:
                continue
            data, fds, _, _ = socket.recv_fds(self.control, 65536, 4)
            if not data:   # the grader is done: end every worker, then exit
                for pid in [p for p, s in self.children.items() if s is None]:
                    self.kill(pid, block=True)
                return
            try:
                answer = {"ok": self.handle(json.loads(data), list(fds))}
            except Exception as exc:  # noqa: BLE001 - reported to the grader, which falls back to a cold start
                answer = {"error": f"{type(exc).__name__}: {exc}"}
            self.control.send(json.dumps(answer).encode())


def main() -> None:
    control = socket.socket(fileno=os.dup(0))
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    signal.signal(signal.SIGTERM, _on_term)   # inherited by each keeper (see _keeper)
    loaded = preload()
    # what is loaded stays: no collection ever walks it again, in the zygote or in a worker (whose
    # pages it would otherwise touch, copying them from the zygote)
    gc.freeze()
    control.send(json.dumps({"ok": {"ready": True, "preloaded": loaded, "pid": os.getpid()}}).encode())
    Zygote(control).serve()
    sys.exit(0)


if __name__ == "__main__":
    main()
