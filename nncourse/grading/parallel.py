"""Grade a whole class ahead of nbgrader: the tasks, and N processes of this machine.

:func:`prepare_tasks` reads what nbgrader would grade — the trusted grade
cells from the gradebook, each submitted notebook sanitized by the very
preprocessors the course's ``nbgrader_config.py`` lists in
``Autograde.sanitize_preprocessors`` — and makes one
:class:`~.batch.GradingTask` per (student, notebook).  :func:`run_local`
grades them in ``jobs`` processes; :mod:`.distributed` sends them to a Dask
cluster instead.  Either way the records go to a
:class:`~.batch.ResultStore` that the one ``nbgrader autograde`` writer reads.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager

from .batch import PRECOMPUTED_ENV, GradingTask, ResultStore, material_digest, run_task
from .cells import student_cells
from .gradebook import TrustedNotebook
from .progress import Progress


def course_config(root: str):
    """The traitlets ``Config`` of ``<root>/nbgrader_config.py`` (what nbgrader itself loads)."""
    from traitlets.config.loader import PyFileConfigLoader

    path = os.path.join(root, "nbgrader_config.py")
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path} does not exist: run nncourse from the course folder")
    return PyFileConfigLoader("nbgrader_config.py", path=root).load_config()


def prepare_tasks(root: str, workspace: str, lesson: str, log=print) -> tuple[list[GradingTask], str]:
    """One task per submitted notebook of ``lesson``, and the autograder folder they need.

    A notebook that cannot be read or sanitized gets no task: the nbgrader
    run that follows grades (or fails) it as usual.
    """
    import nbformat
    from nbgrader.api import Gradebook, MissingEntry
    from traitlets.utils.importstring import import_item

    from .config import course_secret

    cfg = course_config(root)
    db_url = cfg.CourseDirectory.db_url if "db_url" in cfg.CourseDirectory else \
        "sqlite:///" + os.path.join(workspace, "gradebook.db")
    autograder_dir = os.path.abspath(os.path.join(root, cfg.GradeWithHiddenSuites.get("autograder_dir",
                                                                                      "autograder")))
    secret = cfg.GradeWithHiddenSuites.get("secret", "") or course_secret(
        os.path.dirname(db_url[len("sqlite:///"):]) if db_url.startswith("sqlite:///") else None)
    material = material_digest(autograder_dir, lesson)
    sanitizers = [import_item(name)(config=cfg) for name in cfg.Autograde.sanitize_preprocessors]

    with Gradebook(db_url) as gb:
        try:
            assignment = gb.find_assignment(lesson)
        except MissingEntry:
            return [], autograder_dir
        notebooks = {}
        for nb in assignment.notebooks:
            notebooks[nb.name] = TrustedNotebook.of(nb).code_grade_cells()

    submitted = os.path.join(workspace, "submitted")
    students = sorted(s for s in os.listdir(submitted)
                      if os.path.isdir(os.path.join(submitted, s, lesson))) if os.path.isdir(submitted) else []
    tasks = []
    unreadable = 0
    for student in students:
        for name, cells in notebooks.items():
            path = os.path.join(submitted, student, lesson, name + ".ipynb")
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            try:
                nb = nbformat.read(path, as_version=4)
                resources = {"nbgrader": {"student": student, "assignment": lesson, "notebook": name,
                                          "db_url": db_url}}
                for pp in sanitizers:
                    nb, resources = pp.preprocess(nb, resources)
            except Exception:  # noqa: BLE001 - nbgrader reports this notebook itself
                unreadable += 1
                continue
            code = student_cells(nb, grade_ids={c[0] for c in cells})
            tasks.append(GradingTask(student=student, lesson=lesson, notebook=name, cells=cells,
                                     code_cells=code, secret=secret, material=material))
    if unreadable:
        log(f"{unreadable} submitted notebook(s) could not be read or sanitized; nbgrader reports them")
    return tasks, autograder_dir


def run_local(tasks: Iterable[GradingTask], autograder_dir: str, jobs: int,
              on_record: Callable[[dict], None]) -> None:
    """Grade ``tasks`` in ``jobs`` processes of this machine, calling ``on_record`` as each finishes."""
    tasks = list(tasks)
    if jobs < 1:
        raise ValueError(f"--jobs must be at least 1, got {jobs}")
    import multiprocessing

    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("forkserver")) as pool:
        futures = {pool.submit(run_task, t, autograder_dir): t for t in tasks}
        for fut in as_completed(futures):
            task = futures[fut]
            try:
                record = fut.result()
            except Exception as exc:  # noqa: BLE001 - a dead grading process: the writer regrades
                record = {"key": task.key, "student": task.student, "notebook": task.notebook,
                          "digest": task.digest(), "error": f"grading process failed: {exc!r}"}
            on_record(record)


@contextmanager
def grade_ahead(course, lesson: str, jobs: int = 1, scheduler: str | None = None, cluster: str | None = None,
                log=print, progress: Progress | None = None):
    """Grade every submission nbgrader is about to grade, in the background; inside
    the block ``$NNCOURSE_PRECOMPUTED`` names the results, which the
    ``nbgrader autograde`` writer run in the block waits for as it reaches each student.

    Students nbgrader would skip (already in ``autograded/``) are not graded
    ahead.  Leaving the block waits for the graders; the results are removed.
    """
    tasks, autograder_dir = prepare_tasks(course.root, course.workspace, lesson, log=log)
    tasks = [t for t in tasks
             if not os.path.isdir(os.path.join(course.workspace, "autograded", t.student, lesson))]
    top = os.path.join(course.workspace, ".nncourse", "results")
    os.makedirs(top, exist_ok=True)
    folder = tempfile.mkdtemp(prefix=f"{lesson}-", dir=top)
    store = ResultStore(folder)
    left: dict[str, int] = {}
    failed: dict[str, bool] = {}
    counts = {"ok": 0, "failed": 0}
    for t in tasks:
        left[t.student] = left.get(t.student, 0) + 1
    bar = progress or Progress(f"autograde {lesson}", len(left))

    def on_record(record: dict) -> None:
        store.put(record)
        counts["failed" if "error" in record else "ok"] += 1
        student = record["student"]
        failed[student] = failed.get(student, False) or "error" in record
        left[student] -= 1
        if left[student] == 0:
            bar.update(failed=failed[student])

    if scheduler or cluster:
        from .distributed import DaskGrader

        grader = DaskGrader(autograder_dir, lesson, scheduler=scheduler, cluster=cluster, jobs=jobs, log=log)
        run = lambda: grader.run(tasks, on_record)  # noqa: E731
    else:
        grader = None
        run = lambda: run_local(tasks, autograder_dir, jobs, on_record)  # noqa: E731
    errors: list[BaseException] = []

    def background() -> None:
        try:
            run()
        except BaseException as exc:  # noqa: BLE001 - reported after the writer
            errors.append(exc)
        finally:
            store.close()

    saved = os.environ.get(PRECOMPUTED_ENV)
    try:
        store.expect([t.key for t in tasks])
        worker = threading.Thread(target=background, name="nncourse-grade-ahead", daemon=True)
        worker.start()
        os.environ[PRECOMPUTED_ENV] = folder
        try:
            yield store
        finally:
            worker.join()
        log(f"graded ahead: {counts['ok']} of {len(tasks)} notebooks ({counts['failed']} could not be graded "
            f"there) in {bar.clock() - bar.start:.1f} s")
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
