"""Grade a whole class ahead of nbgrader: the tasks, and N processes of this machine.

:class:`Plan` reads what nbgrader would grade — the trusted grade
cells from the gradebook, each submitted notebook sanitized by the very
preprocessors the course's ``nbgrader_config.py`` lists in
``Autograde.sanitize_preprocessors`` (but the validation-only ones, which the
writer runs, and those that change nothing a task is made of) — and makes one :class:`~.batch.GradingTask` per (student,
notebook), lazily, so that grading starts while the rest is still read.  :func:`run_local`
grades them in ``jobs`` processes; :mod:`.distributed` sends them to a Dask
cluster instead.  Either way the records go to a
:class:`~.batch.ResultStore` that the one ``nbgrader autograde`` writer reads.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager

from .batch import PRECOMPUTED_ENV, GradingTask, ResultStore, lower_priority, material_digest, run_task, warm_up
from .cells import student_cells
from .progress import Progress


def course_config(root: str):
    """The traitlets ``Config`` of ``<root>/nbgrader_config.py`` (what nbgrader itself loads)."""
    from traitlets.config.loader import PyFileConfigLoader

    path = os.path.join(root, "nbgrader_config.py")
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path} does not exist: run nncourse from the course folder")
    return PyFileConfigLoader("nbgrader_config.py", path=root).load_config()


# validation only: the writer's own sanitize step runs them (and fails the notebook there if they object)
VALIDATE_ONLY = frozenset({"nbgrader.preprocessors.CheckCellMetadata", "nncourse.grading.sanitize.CheckCellMetadata"})
# change nothing a grading task is made of (code cells' sources, the nbgrader metadata that says
# which cells are graded): outputs, the kernelspec, or nothing at all (the writer's own preloaded
# worker; the graders start theirs). A task's inputs digest is of what it is made of, so a sanitizer
# left out here by mistake would make the writer grade that notebook itself, not grade it wrong.
NOT_SANITIZING = frozenset({"nncourse.grading.preprocessor.StartPreloadedWorker",
                            "nbgrader.preprocessors.ClearOutput", "nbgrader.preprocessors.OverwriteKernelspec"})


def autograder_dir(root: str, cfg=None) -> str:
    """The course's ``autograder/`` folder (``GradeWithHiddenSuites.autograder_dir``, relative to ``root``)."""
    cfg = cfg if cfg is not None else course_config(root)
    return os.path.abspath(os.path.join(root, cfg.GradeWithHiddenSuites.get("autograder_dir", "autograder")))


class Plan:
    """What a run will grade: one (student, notebook) per submitted notebook of ``lesson``, and how to
    turn each into a :class:`~.batch.GradingTask` (:meth:`tasks`, lazily: grading starts while the
    rest is still being read)."""

    def __init__(self, root: str, workspace: str, lesson: str, read_once: bool = True):
        from nbgrader.api import Gradebook
        from traitlets.utils.importstring import import_item

        from .config import course_secret
        from .snapshot import GradebookSnapshot

        cfg = course_config(root)
        self.lesson = lesson
        self.db_url = cfg.CourseDirectory.db_url if "db_url" in cfg.CourseDirectory else \
            "sqlite:///" + os.path.join(workspace, "gradebook.db")
        self.autograder_dir = autograder_dir(root, cfg)
        self.secret = cfg.GradeWithHiddenSuites.get("secret", "") or course_secret(
            os.path.dirname(self.db_url[len("sqlite:///"):]) if self.db_url.startswith("sqlite:///") else None)
        self.material = material_digest(self.autograder_dir, lesson)
        with Gradebook(self.db_url) as gb:
            snapshot = GradebookSnapshot(gb, lesson)
        # the sanitizers that read the gradebook read it once (read_once=False: each notebook, as the writer)
        self.sanitizers = [(snapshot.reading if read_once else lambda pp: pp)(import_item(name)(config=cfg))
                           for name in cfg.Autograde.sanitize_preprocessors
                           if name not in VALIDATE_ONLY | NOT_SANITIZING]
        self.notebooks: dict[str, list] = {name: snapshot.trusted(name).code_grade_cells()
                                           for name in snapshot.notebooks}
        submitted = os.path.join(workspace, "submitted")
        students = sorted(s for s in os.listdir(submitted)
                          if os.path.isdir(os.path.join(submitted, s, lesson))) if os.path.isdir(submitted) else []
        # (student, notebook, path) of every regular submitted notebook the gradebook knows
        self.items = [(student, name, path) for student in students for name in self.notebooks
                      for path in [os.path.join(submitted, student, lesson, name + ".ipynb")]
                      if not os.path.islink(path) and os.path.isfile(path)]

    def only(self, keep) -> None:
        """Keep the items ``keep(student)`` is true for."""
        self.items = [item for item in self.items if keep(item[0])]

    @property
    def keys(self) -> list[str]:
        return [f"{student}/{name}" for student, name, _ in self.items]

    def task(self, student: str, name: str, path: str) -> GradingTask:
        """The task of one notebook, sanitized exactly as the writer will; raises if it cannot be read."""
        import nbformat

        cells = self.notebooks[name]
        nb = nbformat.read(path, as_version=4)
        resources = {"nbgrader": {"student": student, "assignment": self.lesson, "notebook": name,
                                  "db_url": self.db_url}}
        for pp in self.sanitizers:
            nb, resources = pp.preprocess(nb, resources)
        code = student_cells(nb, grade_ids={c[0] for c in cells})
        return GradingTask(student=student, lesson=self.lesson, notebook=name, cells=cells, code_cells=code,
                           secret=self.secret, material=self.material)

    def tasks(self, on_unreadable: Callable[[dict], None] | None = None) -> Iterator[GradingTask]:
        """The tasks, one at a time; a notebook that cannot be read or sanitized gets an error record
        (passed to ``on_unreadable``) instead, and the nbgrader run that follows reports it."""
        for student, name, path in self.items:
            try:
                task = self.task(student, name, path)
            except Exception as exc:  # noqa: BLE001 - nbgrader reports this notebook itself
                if on_unreadable is not None:
                    on_unreadable({"key": f"{student}/{name}", "student": student, "notebook": name, "digest": "",
                                   "error": f"could not be read or sanitized: {type(exc).__name__}"})
                continue
            yield task


def _ready() -> None:
    """A first call that makes the pool start a grading process (its initializer does the work)."""


class LocalGraders:
    """``jobs`` grading processes of this machine, forked from a server that has imported the engine
    once (pytest, numpy), each starting its preloaded worker for ``lesson`` (:mod:`.forkserver`) as it
    starts.

    :meth:`start` starts them all in the background, at once: their start-up then overlaps what the
    coordinator does before the first task exists (checking the sandbox, reading the gradebook and
    the first notebooks) instead of following it.
    """

    def __init__(self, autograder_dir: str, jobs: int, lesson: str | None = None):
        if jobs < 1:
            raise ValueError(f"--jobs must be at least 1, got {jobs}")
        import multiprocessing

        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["nncourse.grading.batch"])
        # one core each while there are cores enough (see warm_up)
        cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
        cpus = cpus if 1 < jobs <= len(cpus) else None
        # the fork server lives as long as this process and keeps the environment it started with:
        # each grading process takes this run's (the sandbox settings among it) as it starts
        self.autograder_dir, self.jobs = autograder_dir, jobs
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=warm_up,
                                        initargs=(autograder_dir, lesson, cpus, ctx.Value("i", 0) if cpus else None,
                                                  dict(os.environ)))
        self._starting: threading.Thread | None = None

    def start(self) -> LocalGraders:
        # one call per process: the pool starts a process for each call no idle process can take
        def spawn() -> None:
            for _ in range(self.jobs):
                self.pool.submit(_ready)

        self._starting = threading.Thread(target=spawn, name="nncourse-start-graders", daemon=True)
        self._starting.start()
        return self

    def run(self, tasks: Iterable[GradingTask], on_record: Callable[[dict], None]) -> None:
        """Grade ``tasks``, calling ``on_record`` as each finishes.

        ``tasks`` may be a generator: each task is handed to a process as soon as it
        is made, and finished ones are reported meanwhile.
        """
        pending: dict = {}

        def report(fut) -> None:
            task = pending.pop(fut)
            try:
                record = fut.result()
            except Exception as exc:  # noqa: BLE001 - a dead grading process: the writer regrades
                record = {"key": task.key, "student": task.student, "notebook": task.notebook,
                          "digest": task.digest(), "error": f"grading process failed: {exc!r}"}
            on_record(record)

        for task in tasks:
            pending[self.pool.submit(run_task, task, self.autograder_dir)] = task
            for fut in [f for f in pending if f.done()]:
                report(fut)
        for fut in as_completed(list(pending)):
            report(fut)

    def close(self) -> None:
        if self._starting is not None:
            self._starting.join()
        self.pool.shutdown(wait=True)

    def __enter__(self) -> LocalGraders:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def run_local(tasks: Iterable[GradingTask], autograder_dir: str, jobs: int,
              on_record: Callable[[dict], None], lesson: str | None = None) -> None:
    """Grade ``tasks`` in ``jobs`` processes of this machine (:class:`LocalGraders`), calling
    ``on_record`` as each finishes."""
    with LocalGraders(autograder_dir, jobs, lesson) as graders:
        graders.run(tasks, on_record)


@contextmanager
def grade_ahead(course, lesson: str, jobs: int = 1, scheduler: str | None = None, cluster: str | None = None,
                log=print, progress: Progress | None = None, graders: LocalGraders | None = None):
    """Grade every submission nbgrader is about to grade, in the background; inside
    the block ``$NNCOURSE_PRECOMPUTED`` names the results, which the
    ``nbgrader autograde`` writer run in the block waits for as it reaches each student.

    Students nbgrader would skip (already in ``autograded/``) are not graded
    ahead.  Without a Dask ``scheduler`` or ``cluster`` they are graded by
    ``graders`` (started by the caller) or else by ``jobs`` processes started
    here.  Leaving the block waits for the graders; the results are removed.
    """
    plan = Plan(course.root, course.workspace, lesson)
    plan.only(lambda student: not os.path.isdir(os.path.join(course.workspace, "autograded", student, lesson)))
    autograder_dir = plan.autograder_dir
    top = os.path.join(course.workspace, ".nncourse", "results")
    os.makedirs(top, exist_ok=True)
    folder = tempfile.mkdtemp(prefix=f"{lesson}-", dir=top)
    store = ResultStore(folder)
    left: dict[str, int] = {}
    failed: dict[str, bool] = {}
    counts = {"ok": 0, "failed": 0, "unreadable": 0}
    for student, _, _ in plan.items:
        left[student] = left.get(student, 0) + 1
    bar = progress or Progress(f"autograde {lesson}", len(left))

    def on_record(record: dict, unreadable: bool = False) -> None:
        store.put(record)
        counts["unreadable" if unreadable else "failed" if "error" in record else "ok"] += 1
        student = record["student"]
        failed[student] = failed.get(student, False) or "error" in record
        left[student] -= 1
        if left[student] == 0:
            bar.update(failed=failed[student])

    tasks = plan.tasks(lambda record: on_record(record, unreadable=True))   # made while the first are graded
    if scheduler or cluster:
        from .distributed import DaskGrader

        grader = DaskGrader(autograder_dir, lesson, scheduler=scheduler, cluster=cluster, jobs=jobs, log=log)
        run = lambda: grader.run(tasks, on_record)  # noqa: E731
    else:
        grader = graders or LocalGraders(autograder_dir, jobs, lesson)
        run = lambda: grader.run(tasks, on_record)  # noqa: E731
    errors: list[BaseException] = []

    def background() -> None:
        # reading and sanitizing each notebook for the graders must not slow the one writer down either
        lower_priority(thread_only=True)
        try:
            run()
        except BaseException as exc:  # noqa: BLE001 - reported after the writer
            errors.append(exc)
        finally:
            store.close()

    saved = os.environ.get(PRECOMPUTED_ENV)
    try:
        store.expect(plan.keys)
        worker = threading.Thread(target=background, name="nncourse-grade-ahead", daemon=True)
        worker.start()
        os.environ[PRECOMPUTED_ENV] = folder
        try:
            yield store
        finally:
            worker.join()
        if counts["unreadable"]:
            log(f"{counts['unreadable']} submitted notebook(s) could not be read or sanitized; nbgrader reports them")
        log(f"graded ahead: {counts['ok']} of {len(plan.items) - counts['unreadable']} notebooks "
            f"({counts['failed']} could not be graded there) in {bar.clock() - bar.start:.1f} s")
        if errors:
            log(f"grading ahead stopped early ({errors[0]}); nbgrader graded the remaining students itself")
    finally:
        if saved is None:
            os.environ.pop(PRECOMPUTED_ENV, None)
        else:
            os.environ[PRECOMPUTED_ENV] = saved
        if grader is not None:
            grader.close()
        shutil.rmtree(folder, ignore_errors=True)
