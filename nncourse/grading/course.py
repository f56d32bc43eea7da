"""Course runs around nbgrader's CLI: autograde robustly, report, export, release checks.

nbgrader stays the instructor's interface; these functions call its real
command line (``nbgrader autograde``, ``generate_feedback``, ``export``,
``generate_assignment``) with the course's ``nbgrader_config.py`` and add what
it lacks:

* :func:`autograde` re-runs any student whose grades are incomplete (an
  interrupted run, a crash), so a re-run loses and duplicates nothing;
* :func:`status_table` reads the gradebook and says, per student, whether the
  submission was *graded* or *failed to grade* — a failure is never a silent 0;
* :func:`export_csv` writes grades with that status (score left empty when
  not graded);
* :func:`check_release` proves ``lessons/`` is what ``generate_assignment``
  makes from ``solutions/``.
"""

from __future__ import annotations

import csv
import filecmp
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass


@dataclass
class Course:
    root: str        # folder with nbgrader_config.py, solutions/, lessons/, autograder/
    workspace: str   # submitted/, autograded/, feedback/, gradebook.db

    @property
    def db_url(self) -> str:
        return "sqlite:///" + os.path.join(self.workspace, "gradebook.db")

    def env(self) -> dict:
        env = dict(os.environ)
        env["NNCOURSE_WORKSPACE"] = self.workspace
        # nbgrader runs `alembic` (and we run `nbgrader`) from the same environment
        bindir = os.path.dirname(sys.executable)
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        return env

    def nbgrader(self, *args: str, check: bool = True, quiet: bool = True) -> subprocess.CompletedProcess:
        exe = os.path.join(os.path.dirname(sys.executable), "nbgrader")
        cmd = [exe if os.path.exists(exe) else "nbgrader", *args]
        proc = subprocess.run(cmd, cwd=self.root, env=self.env(), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if check and proc.returncode != 0:
            raise RuntimeError(f"`nbgrader {' '.join(args)}` failed (exit {proc.returncode}):\n"
                               + proc.stdout[-4000:])
        return proc

    def submitted_students(self, lesson: str) -> list[str]:
        top = os.path.join(self.workspace, "submitted")
        if not os.path.isdir(top):
            return []
        return sorted(s for s in os.listdir(top) if os.path.isdir(os.path.join(top, s, lesson)))


@dataclass
class Row:
    student: str
    lesson: str
    score: float | None
    max_score: float
    status: str   # "graded" | "failed to grade" | "not submitted"
    reason: str = ""  # why a submission failed to grade
    lasting: bool = False  # the reason holds however often it is graded again (no usable notebook, no sandbox)


def log_path(workspace: str, lesson: str, student: str) -> str:
    """Where :func:`autograde` keeps nbgrader's output for one student."""
    return os.path.join(workspace, ".nncourse", "logs", lesson, f"{student}.log")


def failed_row(course: "Course", lesson: str, student: str, max_score: float, notebook: str | None) -> Row:
    """The row of ``student``'s submission of ``lesson`` that did not get a grade, saying why in plain words."""
    problem = lasting_problem(course, lesson, student, notebook)
    if problem:
        return Row(student, lesson, None, max_score, "failed to grade", problem, lasting=True)
    log = log_path(course.workspace, lesson, student)
    reason = f"grader error: see the traceback in {log}" if os.path.exists(log) else "grader error: see nbgrader's log"
    return Row(student, lesson, None, max_score, "failed to grade", reason)


def lasting_problem(course: "Course", lesson: str, student: str, notebook: str | None) -> str | None:
    """What stops ``student``'s submission from being graded however often it is tried (no
    usable notebook, or no sandbox), in plain words; None if nothing such is known."""
    import json

    from .submission import read_ignored

    marker = os.path.join(course.workspace, ".nncourse", "sandbox-unavailable.txt")
    if os.path.exists(marker):
        with open(marker) as fh:
            return "sandbox unavailable: " + fh.read().strip()[:300]
    folder = os.path.join(course.workspace, "submitted", student, lesson)
    expected = f"{notebook}.ipynb" if notebook else None
    ignored = {d["path"]: d["kind"] for d in read_ignored(course.workspace, lesson, student)}
    if expected and expected in ignored:
        return f"notebook {expected} was a {ignored[expected]} and was ignored"
    found = sorted(f for f in os.listdir(folder) if f.endswith(".ipynb")) if os.path.isdir(folder) else []
    if expected and expected not in found:
        if found:
            return f"notebook renamed: found {', '.join(found)}, expected {expected}"
        return f"notebook missing: no {expected} in the submission"
    if expected:
        path = os.path.join(folder, expected)
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            return f"notebook unreadable ({exc.strerror})"
        if not data.strip():
            return f"{expected} is an empty file"
        try:
            json.loads(data)
        except ValueError as exc:
            return f"{expected} is not JSON ({str(exc)[:80]}): not a notebook"
    return None


def status_table(course: Course, lesson: str) -> list[Row]:
    """One row per submitted student, from the gradebook and the workspace."""
    from nbgrader.api import Gradebook, MissingEntry

    rows = []
    with Gradebook(course.db_url) as gb:
        try:
            assignment = gb.find_assignment(lesson)
        except MissingEntry:
            return [Row(s, lesson, None, 0.0, "failed to grade",
                        f"lesson {lesson} is not in the gradebook: run `nbgrader generate_assignment {lesson}`")
                    for s in course.submitted_students(lesson)]
        max_score = float(assignment.max_score)
        notebook = assignment.notebooks[0].name if len(assignment.notebooks) == 1 else None
        for student in course.submitted_students(lesson):
            autograded = os.path.join(course.workspace, "autograded", student, lesson)
            try:
                sub = gb.find_submission(lesson, student)
            except MissingEntry:
                rows.append(failed_row(course, lesson, student, max_score, notebook))
                continue
            complete = os.path.isdir(autograded) and all(
                g.auto_score is not None or g.manual_score is not None
                for nb in sub.notebooks for g in nb.grades)
            if complete:
                rows.append(Row(student, lesson, float(sub.score), max_score, "graded"))
            else:
                rows.append(failed_row(course, lesson, student, max_score, notebook))
    return rows


def ensure_assignment(course: Course, lesson: str) -> bool:
    """Put ``lesson`` with its notebooks and grade cells in the gradebook if it is missing.

    ``nbgrader autograde`` needs them there; a fresh workspace has none when
    the release was generated elsewhere (``--no-db``, another machine).  The
    lesson is generated into a temporary folder, so ``lessons/`` is never
    touched.  Returns True when it had to be added.
    """
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(course.db_url) as gb:
        try:
            if gb.find_assignment(lesson).notebooks:
                return False
        except MissingEntry:
            pass
    with tempfile.TemporaryDirectory(prefix="nncourse-gradebook-") as tmp:
        course.nbgrader("generate_assignment", lesson, "--force",
                        f"--CourseDirectory.release_directory={tmp}")
    return True


def autograde(course: Course, lesson: str, log=print, jobs: int = 1, scheduler: str | None = None,
              cluster: str | None = None, progress=None) -> list[Row]:
    """``nbgrader autograde`` for every submission, then once more with ``--force``
    for each student whose grades are incomplete (interrupted or crashed).

    First the sandbox proves it works (:func:`~.probe.check_sandbox`); if it
    cannot, :class:`~.probe.SandboxUnavailable` is raised and nothing is graded.
    With ``jobs > 1``, a Dask ``scheduler`` address (``tcp://host:8786``) or
    ``cluster="local"``, the submissions are first graded ahead — in ``jobs``
    processes of this machine, or on the Dask cluster (see :mod:`.parallel`,
    :mod:`.distributed`) — with a progress line on stderr; then a single
    ``nbgrader autograde`` writes the gradebook, its grading preprocessor using
    the results computed for exactly each notebook's inputs and grading any
    other notebook itself. nbgrader's output for a student that failed is kept
    in :func:`log_path`. The lesson is first put in the gradebook if it is
    missing there (:func:`ensure_assignment`).
    """
    from contextlib import ExitStack

    from .probe import SandboxUnavailable, clear_sandbox_failure, record_sandbox_failure, start_check

    with ExitStack() as stack:
        graders = None
        if jobs > 1 and not (scheduler or cluster):
            # started first: their start-up overlaps the checks and reads below
            from .parallel import LocalGraders, autograder_dir

            graders = stack.enter_context(LocalGraders(autograder_dir(course.root), jobs, lesson).start())
        sandbox_works = start_check()   # the probe runs while the gradebook is read; nothing is graded before it
        if not course.submitted_students(lesson):
            log(f"no submissions of {lesson}: nothing in {os.path.join(course.workspace, 'submitted')}"
                f"/<student>/{lesson}/ (collect them first, e.g. with `nbgrader zip_collect {lesson}`)")
        added = ensure_assignment(course, lesson)
        try:
            sandbox_works()
        except SandboxUnavailable as exc:
            record_sandbox_failure(course.workspace, str(exc))
            raise
        clear_sandbox_failure(course.workspace)
        if added:
            log(f"{lesson} was not in the gradebook {course.db_url}; added it from solutions/{lesson}")
        if jobs > 1 or scheduler or cluster:
            from .parallel import grade_ahead

            stack.enter_context(grade_ahead(course, lesson, jobs=jobs, scheduler=scheduler, cluster=cluster,
                                            log=log, progress=progress, graders=graders))
        proc = course.nbgrader("autograde", lesson, check=False)
        if proc.returncode != 0:
            log(f"nbgrader autograde reported failures (exit {proc.returncode}); retrying those students")
        rows = status_table(course, lesson)
        # a retry would fail the same way for a submission without a usable notebook
        retry_students = [row.student for row in rows if row.status != "graded" and not row.lasting]
        for student in retry_students:
            retry = course.nbgrader("autograde", lesson, "--student", student, "--force", check=False)
            if retry.returncode != 0:
                path = log_path(course.workspace, lesson, student)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as fh:
                    fh.write(retry.stdout)
    if retry_students:
        rows = status_table(course, lesson)
    for row in rows:
        if row.status != "graded":
            log(f"{row.student}: failed to grade: {row.reason}")
    return rows


def export_csv(rows: list[Row], path: str) -> str:
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["student_id", "lesson", "score", "max_score", "status", "reason"])
        for r in rows:
            w.writerow([r.student, r.lesson, "" if r.score is None else f"{r.score:g}", f"{r.max_score:g}",
                        r.status, r.reason])
    return path


def format_table(rows: list[Row]) -> str:
    head = ("student", "lesson", "score", "max score", "status")
    body = [(r.student, r.lesson, "-" if r.score is None else f"{r.score:g}", f"{r.max_score:g}",
             r.status + (f" ({r.reason})" if r.reason else "")) for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    line = "  ".join("{:<%d}" % w for w in widths)
    out = [line.format(*head), line.format(*("-" * w for w in widths))]
    out += [line.format(*r) for r in body]
    return "\n".join(out)


def check_release(root: str, lessons: list[str] | None = None) -> list[str]:
    """Regenerate every lesson into a temporary folder and compare with ``lessons/``.

    Returns a list of differences (empty when in sync).
    """
    from .config import write_config

    solutions = os.path.join(root, "solutions")
    names = lessons or sorted(d for d in os.listdir(solutions) if os.path.isdir(os.path.join(solutions, d)))
    problems = []
    with tempfile.TemporaryDirectory(prefix="nncourse-release-") as tmp:
        write_config(tmp, repo=root, workspace=os.path.join(tmp, "ws"), release=os.path.join(tmp, "lessons"))
        course = Course(tmp, os.path.join(tmp, "ws"))
        for name in names:
            course.nbgrader("generate_assignment", name, "--no-db", "--force")
            made = os.path.join(tmp, "lessons", name)
            have = os.path.join(root, "lessons", name)
            if not os.path.isdir(have):
                problems.append(f"lessons/{name} is missing: run `make release`")
                continue
            cmp = filecmp.dircmp(made, have, ignore=[".ipynb_checkpoints", "__pycache__"])
            for f in cmp.left_only:
                problems.append(f"lessons/{name}/{f} is missing: run `make release`")
            for f in cmp.right_only:
                problems.append(f"lessons/{name}/{f} is not made from solutions/{name}: "
                                "remove it or run `make release`")
            for f in cmp.common_files:
                if not filecmp.cmp(os.path.join(made, f), os.path.join(have, f), shallow=False):
                    problems.append(f"lessons/{name}/{f} differs from what solutions/{name} generates: "
                                    "run `make release` and commit")
    return problems
