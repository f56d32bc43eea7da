"""The preloaded worker (nncourse.grading.zygote): one fresh fork per graded cell, and nothing a
forked worker does reaches the zygote or the next worker."""

import os
import tempfile
import time

import pytest

from nncourse.grading import forkserver
from nncourse.grading.forkserver import ForkedWorker
from nncourse.grading.limits import Limits
from nncourse.grading.remote import StudentCrashed, Submission
from nncourse.grading.sandbox import protected_copy
from nncourse.grading.watch import _stat

CODE = r'''
import os, signal, time, resource
import numpy as np
import nncourse

def leave_traces():
    for p in ("/tmp/left-by-earlier", "/dev/shm/left-by-earlier"):
        with open(p, "w") as fh:
            fh.write("x")
    nncourse.LEFT_BY_EARLIER = 1
    np.LEFT_BY_EARLIER = 1
    np.pi = 3.0
    return True

def traces():
    found = []
    for p in ("/tmp/left-by-earlier", "/dev/shm/left-by-earlier"):
        if os.path.exists(p):
            found.append(p)
    for m in (nncourse, np):
        if hasattr(m, "LEFT_BY_EARLIER"):
            found.append(m.__name__)
    if np.pi != 3.141592653589793:
        found.append("np.pi")
    return found

def detach():
    """A grandchild in a new session that would outlive the worker if it could."""
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(600)
        os._exit(0)
    time.sleep(0.2)
    return True

def kill_everything():
    try:
        os.kill(-1, signal.SIGKILL)   # every process this worker may signal, but itself and its init
    except ProcessLookupError:
        return "no process to signal"
    return "signalled some"

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def pids():
    return sorted(int(p) for p in os.listdir("/proc") if p.isdigit())

def fds():
    out = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            out.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            pass
    return out

def status():
    return {k: v.strip() for k, v in (ln.split(":", 1) for ln in open("/proc/self/status") if ":" in ln)}

def rlimits():
    return [resource.getrlimit(r)[1] for r in (resource.RLIMIT_CPU, resource.RLIMIT_AS, resource.RLIMIT_FSIZE)]

def fill_processes():
    """Fork until the process allowance is used up; the children sleep."""
    n = 0
    while True:
        try:
            pid = os.fork()
        except OSError:
            return n
        if pid == 0:
            time.sleep(600)
            os._exit(0)
        n += 1

def burn(seconds):
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return True
'''


@pytest.fixture(scope="module")
def copy(sandboxed):
    if not sandboxed:
        pytest.skip("the zygote runs only inside bubblewrap")
    if not forkserver.enabled():
        pytest.skip("nncourse or its Python lies under /tmp: workers are cold-started "
                    "(test_cold_start_when_nncourse_lies_under_tmp)")
    return protected_copy([], tempfile.mkdtemp())


def forked(copy, limits=None) -> Submission:
    sub = Submission([(0, CODE)], copy, limits or Limits(call_seconds=10))
    sub._ensure()
    assert isinstance(sub.proc, ForkedWorker), "the worker was cold-started, not forked from the zygote"
    return sub


def _descendants(root: int) -> list[int]:
    kids: dict[int, list[int]] = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            info = _stat(p)
            if info is not None:
                kids.setdefault(info[0], []).append(int(p))
    out, stack = [], [root]
    while stack:
        for k in kids.get(stack.pop(), []):
            out.append(k)
            stack.append(k)
    return out


def test_a_worker_sees_neither_the_files_nor_the_memory_of_the_previous_one(copy):
    with forked(copy) as first:
        assert first.function("leave_traces")()
        assert sorted(first.function("traces")()) == ["/dev/shm/left-by-earlier", "/tmp/left-by-earlier",
                                                      "nncourse", "np.pi", "numpy"]
    with forked(copy) as second:
        assert second.function("traces")() == []


def test_a_worker_sees_only_its_own_pid_namespace_and_inherits_only_the_protocol(copy):
    with forked(copy) as sub:
        assert sub.function("pids")() == [1, 2]   # its init and itself: no zygote, no other worker
        links = sub.function("fds")()
        pipes = {x for x in links if x.startswith("pipe:")}
        others = [x for x in links if not x.startswith("pipe:") and x != "/dev/null"
                  and not x.startswith("/proc/")]   # the listing's own descriptor
        assert len(pipes) == 2 and not others, links
        st = sub.function("status")()
        assert st["CapEff"] == st["CapPrm"] == st["CapAmb"] == "0000000000000000"
        assert st["NoNewPrivs"] == "1"


def test_limits_apply_to_each_worker_from_a_fresh_clock(copy):
    limits = Limits(cpu_seconds=1, call_seconds=10, memory_bytes=1536 * 1024**2, file_bytes=8 * 1024**2)
    with forked(copy, limits) as sub:
        assert sub.function("rlimits")() == [1, 1536 * 1024**2, 8 * 1024**2]
        with pytest.raises(StudentCrashed, match="crashed the process"):
            sub.function("burn")(3)
    # the next worker of the same zygote starts at zero CPU seconds: 0.7 s twice is fine
    with forked(copy, limits) as sub:
        assert sub.function("burn")(0.7)
    with forked(copy, limits) as sub:
        assert sub.function("burn")(0.7)


def test_a_worker_that_kills_all_it_can_reaches_neither_the_zygote_nor_the_next_worker(copy):
    zygote = forkserver.zygote_for(copy, Limits(call_seconds=10))
    before = zygote.proc.pid
    with forked(copy) as sub:
        assert sub.function("kill_everything")() == "no process to signal"
    with forked(copy) as sub:
        with pytest.raises(StudentCrashed, match="was killed"):
            sub.function("die")()
        assert sub.function("traces")() == []   # the next call gets a fresh worker
    assert zygote.alive() and zygote.proc.pid == before


def test_closing_a_worker_leaves_the_next_one_started_ahead_running(copy):
    with forked(copy) as first:
        second = forked(copy)   # as the engine starts the next cell's worker during this cell's tests
        assert first.function("detach")()
    try:
        assert second.function("pids")() == [1, 2]
    finally:
        second.close()


def _settles(count, want: int, seconds: float = 5.0) -> bool:
    """Whether ``count()`` reaches ``want`` within ``seconds`` (the zygote reaps a killed worker's
    keeper after answering the kill)."""
    deadline = time.monotonic() + seconds
    while count() != want and time.monotonic() < deadline:
        time.sleep(0.01)
    return count() == want


ZYGOTE_ARGV = b"-m\x00nncourse.grading.zygote"   # its own command line (bwrap's names it in one argument)


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read()
    except OSError:
        return b""


def _zygote_host_pid(zygote) -> int:
    """The zygote process itself (its keepers are forks of it, with the same command line)."""
    for pid in _descendants(zygote.proc.pid):
        if ZYGOTE_ARGV in _cmdline(pid) and \
                ZYGOTE_ARGV not in _cmdline((_stat(str(pid)) or (0, 0))[0]):
            return pid
    raise AssertionError("no zygote process found in its sandbox")


def test_closing_a_worker_ends_everything_it_started(copy):
    zygote = forkserver.zygote_for(copy, Limits(call_seconds=10))
    root = _zygote_host_pid(zygote)
    assert _settles(lambda: len(_descendants(root)), 0)   # workers of earlier tests are gone
    with forked(copy) as sub:
        assert sub.function("detach")()
        assert len(_descendants(root)) >= 4   # keeper, init, worker, the detached one
    assert _settles(lambda: len(_descendants(root)), 0)


def test_a_worker_that_fills_the_process_allowance_does_not_stop_the_next_fork(copy):
    """Killed workers are reaped after the kill is answered; a fork that finds the uid's
    process allowance still taken by them waits for them instead of failing."""
    if os.geteuid() != 0:
        pytest.skip("the process allowance is per uid: graded as root, the zygote has a uid of its own")
    limits = Limits(call_seconds=10, max_processes=48)
    for _ in range(3):
        with forked(copy, limits) as sub:
            assert sub.function("fill_processes")() > 0
    with forked(copy, limits) as sub:
        assert sub.function("traces")() == []


def test_the_zygote_holds_no_writable_shared_memory(copy):
    zygote = forkserver.zygote_for(copy, Limits(call_seconds=10))
    # the zygote is the deepest process of its sandbox before any worker is forked
    procs = [p for p in _descendants(zygote.proc.pid)]
    assert procs
    for pid in procs:
        with open(f"/proc/{pid}/maps") as fh:
            shared_writable = [ln for ln in fh if ln.split()[1].startswith("rw") and ln.split()[1][3] == "s"]
        assert not shared_writable, shared_writable


def test_without_the_zygote_workers_are_cold_started(copy, monkeypatch):
    monkeypatch.setenv("NNCOURSE_ZYGOTE", "0")
    with Submission([(0, CODE)], copy, Limits(call_seconds=10)) as sub:
        assert sub.function("traces")() == []
        assert not isinstance(sub.proc, ForkedWorker)


def test_a_process_keeps_at_most_two_zygotes_running(tmp_path, sandboxed):
    if not sandboxed or not forkserver.enabled():
        pytest.skip("the zygote runs only inside bubblewrap, for a course not under /tmp")
    copies = [protected_copy([], str(tmp_path / str(i))) for i in range(3)]
    zygotes = [forkserver.zygote_for(c, Limits(call_seconds=10)) for c in copies]
    assert [z.alive() for z in zygotes] == [False, True, True]
    with forked(copies[0]) as sub:    # started again on demand, stopping the least recently used
        assert sub.function("traces")() == []
    assert [z.alive() for z in zygotes] == [False, False, True]


def test_cold_start_when_nncourse_lies_under_tmp(monkeypatch):
    """A forked worker's fresh /tmp would hide a course checked out under /tmp: no zygote then."""
    monkeypatch.setattr(forkserver, "bwrap_path", lambda: "/usr/bin/bwrap")
    monkeypatch.delenv("NNCOURSE_ZYGOTE", raising=False)
    monkeypatch.setattr(forkserver, "shown_paths", lambda: ["/opt/venv", "/srv/course/nncourse"])
    assert forkserver.enabled()
    for under in ("/tmp/clone/nncourse", "/tmp", "/dev/shm/venv"):
        monkeypatch.setattr(forkserver, "shown_paths", lambda: ["/opt/venv", under])
        assert not forkserver.enabled(), under
    monkeypatch.setattr(forkserver, "shown_paths", lambda: ["/tmpfoo/venv", "/srv/nncourse"])
    assert forkserver.enabled()


def test_a_cold_start_is_never_silent(monkeypatch, caplog):
    """Whatever keeps the zygote from forking a worker is said once per process, as a warning."""
    monkeypatch.setattr(forkserver, "bwrap_path", lambda: "/usr/bin/bwrap")
    monkeypatch.delenv("NNCOURSE_ZYGOTE", raising=False)
    monkeypatch.setattr(forkserver, "_WARNED", set())
    monkeypatch.setattr(forkserver, "shown_paths", lambda: ["/opt/venv", "/tmp/clone/nncourse"])
    with caplog.at_level("WARNING", logger="nncourse.grading"):
        assert forkserver.forked_worker("/nowhere", Limits()) is None
        assert forkserver.forked_worker("/nowhere", Limits()) is None
    assert [r.getMessage() for r in caplog.records] == [
        "/tmp/clone/nncourse lies under /tmp, /dev/shm, which every forked worker gets fresh: workers start cold "
        "(slower, as isolated); install the course elsewhere to fork them"]

    caplog.clear()
    monkeypatch.setattr(forkserver, "shown_paths", lambda: ["/opt/venv", "/srv/course/nncourse"])

    def refuse(copy_dir, limits):
        raise forkserver.ZygoteUnavailable("the preloaded worker did not start: no room")

    monkeypatch.setattr(forkserver, "zygote_for", refuse)
    with caplog.at_level("WARNING", logger="nncourse.grading"):
        assert forkserver.forked_worker("/nowhere", Limits()) is None
    assert [r.getMessage() for r in caplog.records] == [
        "the preloaded worker did not start: no room: this process's workers start cold (slower, as isolated)"]
