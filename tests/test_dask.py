"""Grading on a real dask.distributed cluster: a `dask scheduler` and `dask worker`
processes on 127.0.0.1 (random free ports, bounded waits, always torn down), a
small synthetic class of the mini course, nbgrader's real CLI writing the gradebook."""

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time

import pytest
from nbgrader.api import Gradebook

from nncourse.grading.config import write_config
from nncourse.grading.course import Course, autograde, status_table
from nncourse.grading.distributed import DistributedGradingError
from nncourse.grading.synth import synth_class

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed")

BIN = os.path.dirname(sys.executable)
SECRET = "dask-test-secret"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A scheduler and named workers as real processes, each in its own process group."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self.procs: dict[str, subprocess.Popen] = {}
        self._spawn("scheduler", [os.path.join(BIN, "dask"), "scheduler", "--host", "127.0.0.1",
                                  "--port", self.address.rsplit(":", 1)[1], "--no-dashboard"], os.environ)

    def _spawn(self, name, cmd, env):
        log = open(os.path.join(self.tmp, f"{name}.log"), "w")
        self.procs[name] = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def worker(self, name, env_extra=None):
        env = dict(os.environ, **(env_extra or {}))
        env["PATH"] = (env_extra or {}).get("PATH", BIN + os.pathsep + os.environ.get("PATH", ""))
        self._spawn(name, [os.path.join(BIN, "dask"), "worker", self.address, "--name", name, "--nthreads", "1",
                           "--no-nanny", "--host", "127.0.0.1", "--no-dashboard", "--death-timeout", "60"], env)

    def client(self, workers: int):
        client = distributed.Client(self.address, timeout="60s")
        client.wait_for_workers(workers, timeout=120)
        return client

    def kill(self, name):
        proc = self.procs[name]
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)

    def close(self):
        for proc in reversed(list(self.procs.values())):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=30)


@pytest.fixture
def cluster(tmp_path):
    c = Cluster(str(tmp_path))
    try:
        yield c
    finally:
        c.close()


def _course(base, submitted=None, repo=None):
    import build as mini_build

    if repo is None:
        repo = mini_build.make_course(os.path.join(os.path.dirname(base), "course"))
    ws = os.path.join(base, "ws")
    write_config(base, repo=repo, workspace=ws)
    c = Course(base, ws)
    c.nbgrader("generate_assignment", "mini", "--force")
    if submitted:
        shutil.copytree(submitted, os.path.join(ws, "submitted"))
    return repo, c


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """(repo, submitted folder, serial grades per student and cell) of an 8-student class."""
    tmp = tmp_path_factory.mktemp("class")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NNCOURSE_SECRET", SECRET)
        repo, serial = _course(str(tmp / "serial"))
        synth_class(repo, "mini", serial.workspace, 8, seed=11)
        submitted = str(tmp / "submitted")
        shutil.copytree(os.path.join(serial.workspace, "submitted"), submitted)
        rows = autograde(serial, "mini", log=lambda *a: None)
        assert any(r.score for r in rows)
        yield repo, submitted, _cells(serial), {r.student: (r.score, r.status) for r in rows}


@pytest.fixture(autouse=True)
def _secret(monkeypatch):
    monkeypatch.setenv("NNCOURSE_SECRET", SECRET)


def _cells(course):
    with Gradebook(course.db_url) as gb:
        return {s.student.id: sorted((g.name, g.auto_score) for nb in s.notebooks for g in nb.grades)
                for s in gb.assignment_submissions("mini")}


def _two_workers(cluster, sandboxed):
    """Workers w1 and w2 on the cluster, and a client that has seen both."""
    if not sandboxed:
        pytest.skip("dask workers refuse to grade without bubblewrap")
    cluster.worker("w1")
    cluster.worker("w2")
    return cluster.client(2)


def test_cluster_grades_are_the_serial_grades(cluster, klass, tmp_path, sandboxed):
    _two_workers(cluster, sandboxed).close()
    repo, submitted, serial_cells, serial_rows = klass
    _, course = _course(str(tmp_path / "dask"), submitted, repo)
    messages = []
    rows = autograde(course, "mini", log=messages.append, scheduler=cluster.address)
    tasks = len([r for r in serial_rows.values() if r[1] == "graded"])
    assert f"graded ahead: {tasks} of {tasks} notebooks (0 could not be graded there)" in " ".join(messages)
    assert {r.student: (r.score, r.status) for r in rows} == serial_rows
    assert _cells(course) == serial_cells


def test_a_killed_worker_loses_and_duplicates_nothing(cluster, klass, tmp_path, sandboxed):
    client = _two_workers(cluster, sandboxed)
    repo, submitted, serial_cells, serial_rows = klass
    _, course = _course(str(tmp_path / "dask"), submitted, repo)
    env = course.env()
    env["NNCOURSE_ROOT"] = course.root
    run = subprocess.Popen([os.path.join(BIN, "nncourse"), "autograde", "mini", "--scheduler", cluster.address],
                           cwd=course.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # wait until worker w1 is grading a submission, then SIGKILL it mid-task
        deadline = time.monotonic() + 180
        victim = None
        while victim is None and time.monotonic() < deadline and run.poll() is None:
            names = {addr: w["name"] for addr, w in client.scheduler_info()["workers"].items()}
            for addr, keys in client.processing().items():
                if names.get(addr) == "w1" and any(str(k).startswith("nncourse-") for k in keys):
                    victim = keys
            time.sleep(0.02)
        assert victim, "worker w1 never received a grading task"
        cluster.kill("w1")
        assert run.poll() is None, "the run finished before the worker was killed"
        out, _ = run.communicate(timeout=600)
    finally:
        if run.poll() is None:
            run.kill()
        client.close()
    assert run.returncode in (0, 1), out
    tasks = len([r for r in serial_rows.values() if r[1] == "graded"])
    assert f"graded ahead: {tasks} of {tasks} notebooks (0 could not be graded there)" in out, out
    rows = status_table(course, "mini")
    assert {r.student: (r.score, r.status) for r in rows} == serial_rows
    assert _cells(course) == serial_cells
    with Gradebook(course.db_url) as gb:
        assert len(gb.assignment_submissions("mini")) == len(serial_rows)


def test_a_worker_without_working_bubblewrap_refuses_work(cluster, klass, tmp_path):
    repo, submitted, serial_cells, serial_rows = klass
    fake = tmp_path / "fakebin"
    fake.mkdir()
    (fake / "bwrap").write_text("#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n")
    (fake / "bwrap").chmod(stat.S_IRWXU)
    cluster.worker("nobwrap", {"PATH": f"{fake}{os.pathsep}{BIN}{os.pathsep}{os.environ.get('PATH', '')}"})
    cluster.client(1).close()
    _, course = _course(str(tmp_path / "dask"), submitted, repo)
    messages = []
    with pytest.raises(DistributedGradingError, match="refuses to grade mini: bubblewrap does not work"):
        autograde(course, "mini", log=messages.append, scheduler=cluster.address)
    with Gradebook(course.db_url) as gb:
        assert gb.assignment_submissions("mini") == []   # nothing was graded, sandboxed or not
    assert not os.path.isdir(os.path.join(course.workspace, "autograded"))


def test_a_worker_with_other_suites_refuses_work(cluster, klass, tmp_path, sandboxed):
    if not sandboxed:
        pytest.skip("the sandbox check comes first")
    repo, submitted, serial_cells, serial_rows = klass
    other = tmp_path / "other-autograder"
    shutil.copytree(os.path.join(repo, "autograder"), other)
    with open(other / "mini" / "test_relu.py", "a") as fh:
        fh.write("\n# a different version of the suite\n")
    cluster.worker("stale", {"NNCOURSE_AUTOGRADER": str(other)})
    cluster.client(1).close()
    _, course = _course(str(tmp_path / "dask"), submitted, repo)
    with pytest.raises(DistributedGradingError, match="grading material differs from the coordinator's"):
        autograde(course, "mini", log=lambda *a: None, scheduler=cluster.address)


@pytest.mark.full
def test_200_submissions_of_a_lesson_through_a_local_cluster_get_the_serial_grades(tmp_path, sandboxed):
    """A class of 200 synthetic submissions of 04-backprop (full, partial, every catalogued mistake,
    samples, broken notebooks) graded serially and on a Dask LocalCluster of two workers: the same
    grade for every cell of every student, and the same status for every student."""
    if not sandboxed:
        pytest.skip("dask workers refuse to grade without bubblewrap")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    runs = {}
    for mode in ("serial", "dask"):
        base = str(tmp_path / mode)
        ws = os.path.join(base, "ws")
        write_config(base, repo=root, workspace=ws, release=str(tmp_path / "release"))
        course = Course(base, ws)
        course.nbgrader("generate_assignment", "04-backprop", "--force")
        synth_class(root, "04-backprop", ws, 200, seed=5, release_dir=str(tmp_path / "release"))
        rows = autograde(course, "04-backprop", log=lambda *a: None,
                         **({"cluster": "local", "jobs": 2} if mode == "dask" else {}))
        with Gradebook(course.db_url) as gb:
            cells = {s.student.id: sorted((g.name, g.auto_score) for nb in s.notebooks for g in nb.grades)
                     for s in gb.assignment_submissions("04-backprop")}
        runs[mode] = ({r.student: (r.score, r.status) for r in rows}, cells)
    (serial_rows, serial_cells), (dask_rows, dask_cells) = runs["serial"], runs["dask"]
    assert len(serial_rows) == 200 and sum(s == "graded" for _, s in serial_rows.values()) >= 190
    assert dask_rows == serial_rows
    assert dask_cells == serial_cells
