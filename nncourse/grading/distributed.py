"""Grade submissions on a ``dask.distributed`` cluster.

Each :class:`~.batch.GradingTask` (plain data: trusted grade cells, the
submission's code cells, student, secret, and the digest of the grading
material) runs as one Dask task, :func:`grade_on_worker`, which returns the
plain-data record of :func:`~.batch.run_task`.  The coordinator (``nncourse
autograde --scheduler tcp://HOST:8786`` or ``--cluster local``) stores the
records; its single ``nbgrader autograde`` writes the gradebook.

The course's ``autograder/`` folder is **not shipped with the tasks**: every
worker reads it from a path it can see — ``$NNCOURSE_AUTOGRADER`` on the
worker if set (a shared file system mounted elsewhere), else the
coordinator's own path.  Before grading, a worker proves that

* bubblewrap works there: a real sandboxed grading worker is started and
  must report itself sandboxed (``NNCOURSE_SANDBOX=none`` is not accepted on
  a cluster), and
* its ``autograder/<lesson>/`` and installed ``nncourse`` have the
  coordinator's digest (:func:`~.batch.material_digest`),

and otherwise refuses the task with :class:`WorkerRefused`, naming the host
and the fix.  A worker that dies mid-task has its tasks re-run elsewhere by
the scheduler; each record is stored once per notebook, so nothing is lost
or duplicated.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable

from .batch import GradingTask, material_digest, run_task

_CHECKED: dict[tuple[str, str, str], dict] = {}


class WorkerRefused(RuntimeError):
    """A Dask worker cannot grade safely or with the coordinator's suites."""


class DistributedGradingError(RuntimeError):
    """The cluster cannot grade this run (no worker accepts the work, or no cluster)."""


def _probe_sandbox(autograder_dir: str, lesson: str) -> str | None:
    """None when a sandboxed grading worker starts here (the grader's own probe); otherwise why not."""
    from .engine import load_lesson
    from .probe import SandboxUnavailable, check_sandbox
    from .sandbox import bwrap_path

    if bwrap_path() is None:
        return "bubblewrap (`bwrap`) is not installed or NNCOURSE_SANDBOX=none is set"
    try:
        check_sandbox(load_lesson(autograder_dir, lesson).limits)
    except SandboxUnavailable as exc:
        return f"bubblewrap does not work here ({str(exc)[:600]})"
    return None


def check_worker(autograder_dir: str, lesson: str, material: str) -> dict:
    """Run on a worker: its autograder folder, if it may grade ``lesson``; else :class:`WorkerRefused`.

    The verdict is remembered per process (a worker is checked once per lesson and digest).
    """
    folder = os.environ.get("NNCOURSE_AUTOGRADER") or autograder_dir
    key = (folder, lesson, material)
    if key in _CHECKED:
        return _CHECKED[key]
    host = f"{socket.gethostname()} (pid {os.getpid()})"
    problem = _probe_sandbox(folder, lesson) if os.path.isdir(os.path.join(folder, lesson)) else \
        f"it has no {os.path.join(folder, lesson)}: put the course's autograder/ on a path the workers see " \
        "(the coordinator's path, or set NNCOURSE_AUTOGRADER on the workers)"
    if problem is None:
        mine = material_digest(folder, lesson, max_age=0.0)
        if mine != material:
            problem = (f"its grading material differs from the coordinator's (digest {mine[:12]} here, "
                       f"{material[:12]} there): sync {os.path.join(folder, lesson)} and the installed nncourse "
                       "with the coordinator's")
    if problem is not None:
        raise WorkerRefused(f"dask worker on {host} refuses to grade {lesson}: {problem}")
    _CHECKED[key] = {"host": host, "autograder": folder}
    return _CHECKED[key]


def grade_on_worker(task: GradingTask, autograder_dir: str) -> dict:
    """The Dask task: check this worker, then grade ``task`` (see :func:`.batch.run_task`)."""
    folder = check_worker(autograder_dir, task.lesson, task.material)["autograder"]
    return run_task(task, folder)


class DaskGrader:
    """A connection to a cluster that accepted a lesson's grading.

    ``scheduler`` is an address (``tcp://HOST:8786``); ``cluster="local"``
    starts a ``LocalCluster`` of ``jobs`` single-threaded worker processes.
    Every worker present is checked first (:func:`check_worker`); the run is
    refused with :class:`DistributedGradingError` when none accepts, and
    restricted to the workers that do otherwise.
    """

    def __init__(self, autograder_dir: str, lesson: str, scheduler: str | None = None, cluster: str | None = None,
                 jobs: int = 1, log=print, connect_seconds: float = 30.0):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise DistributedGradingError(
                "grading on a Dask cluster needs dask.distributed: pip install 'nncourse[grading]'") from None
        self.autograder_dir, self.lesson, self.log = os.path.abspath(autograder_dir), lesson, log
        self.material = material_digest(self.autograder_dir, lesson)
        self.cluster = None
        if cluster == "local":
            self.cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        elif scheduler:
            try:
                self.client = Client(scheduler, timeout=f"{connect_seconds}s")
            except (OSError, TimeoutError) as exc:
                raise DistributedGradingError(f"cannot reach the Dask scheduler at {scheduler}: {exc}. "
                                              "Start it with `dask scheduler` and workers with "
                                              f"`dask worker {scheduler}`.") from None
        else:
            raise DistributedGradingError("give a scheduler address or cluster='local'")
        try:
            self.workers = self._accepting_workers(connect_seconds)
        except BaseException:
            self.close()
            raise

    def _accepting_workers(self, wait_seconds: float) -> list[str] | None:
        try:
            self.client.wait_for_workers(1, timeout=wait_seconds)
        except (TimeoutError, OSError):
            raise DistributedGradingError(f"no Dask worker joined the scheduler within {wait_seconds:g} s") from None
        verdicts = self.client.run(_verdict, self.autograder_dir, self.lesson, self.material)
        refused = {addr: v for addr, v in verdicts.items() if v is not None}
        for v in refused.values():
            self.log(v)
        if len(refused) == len(verdicts):
            raise DistributedGradingError("no Dask worker accepts this grading run:\n" + "\n".join(refused.values()))
        # restrict the work to the workers that accepted it, only when some refused
        return sorted(a for a in verdicts if a not in refused) if refused else None

    def run(self, tasks: list[GradingTask], on_record: Callable[[dict], None]) -> None:
        """Grade ``tasks`` on the cluster, calling ``on_record`` (in this thread) as each finishes."""
        from distributed import as_completed

        run_id = uuid.uuid4().hex[:8]
        where = {} if self.workers is None else {"workers": self.workers, "allow_other_workers": False}
        futures = {}
        for t in tasks:
            fut = self.client.submit(grade_on_worker, t, self.autograder_dir, key=f"nncourse-{run_id}-{t.key}",
                                     **where)
            futures[fut.key] = (fut, t)
        for fut in as_completed([f for f, _ in futures.values()]):
            task = futures[fut.key][1]
            try:
                record = fut.result()
            except WorkerRefused as exc:
                self.log(str(exc))
                record = None
                error = str(exc)
            except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker: the writer grades it itself
                record = None
                error = f"the cluster could not grade it: {type(exc).__name__}: {exc}"
            if record is None:
                record = {"key": task.key, "student": task.student, "notebook": task.notebook,
                          "digest": task.digest(), "error": error}
            on_record(record)
            fut.release()

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()


def _verdict(autograder_dir: str, lesson: str, material: str) -> str | None:
    """Run on each worker by :meth:`DaskGrader._accepting_workers`: None, or why it refuses."""
    try:
        check_worker(autograder_dir, lesson, material)
    except WorkerRefused as exc:
        return str(exc)
    return None
