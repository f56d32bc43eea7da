"""Grade the autograded cells of one submission.

This is the whole grading engine without nbgrader around it; the nbgrader
preprocessor (:mod:`.preprocessor`) and ``nncourse try`` both call
:func:`grade_cells`.  Every cell gets a fresh sandboxed worker holding the
submission's definitions, so one exercise that hangs or crashes costs that
exercise only.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass

from .lesson import Lesson
from .remote import StudentProblem, StudentTimeout, Submission
from .runner import CellResult, TestResult, run_suite
from .sandbox import protected_copy, temp_dir

_COPIES: dict[tuple, str] = {}


def scratch_dir(workspace: str | None) -> str:
    """A private folder for this process's temporary files.

    Under ``<workspace>/.nncourse/tmp/<pid>-…`` when there is a workspace:
    folders left by a run that was killed (its pid no longer running) are
    removed here, at the next start, so a SIGKILL leaves no debris behind.
    """
    if workspace is None:
        root = temp_dir("nncourse-grading-")
    else:
        top = os.path.join(workspace, ".nncourse", "tmp")
        os.makedirs(top, exist_ok=True)
        for name in os.listdir(top):
            pid = name.split("-", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                shutil.rmtree(os.path.join(top, name), ignore_errors=True)
        root = tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=top)
    atexit.register(shutil.rmtree, root, True)
    return root


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def nncourse_copy(protect: list[str], workspace: str | None = None) -> str:
    """The protected copy of nncourse for a lesson (made once per process)."""
    key = (tuple(sorted(protect)), workspace)
    if key not in _COPIES:
        _COPIES[key] = protected_copy(list(key[0]), scratch_dir(workspace))
    return _COPIES[key]


@dataclass
class GradeCell:
    """A cell to score, as the trusted source notebook defines it."""

    grade_id: str
    source: str
    points: float


def course_secret(workspace: str | None) -> str:
    """The course secret that seeds hidden inputs.

    ``$NNCOURSE_SECRET`` if set; otherwise ``<workspace>/.nncourse_secret``,
    created once with random content, so regrading in the same workspace
    draws the same inputs and students cannot predict them.
    """
    env = os.environ.get("NNCOURSE_SECRET")
    if env:
        return env
    if workspace is None:
        return "nncourse-default-secret"
    path = os.path.join(workspace, ".nncourse_secret")
    if not os.path.exists(path):
        os.makedirs(workspace, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    with open(path) as fh:
        return fh.read().strip()


def grade_cells(lesson: Lesson, code_cells: list[tuple[int, str]], cells: list[GradeCell],
                student_id: str, secret: str, submission_key: str = "",
                workspace: str | None = None) -> list[CellResult]:
    """Score each of ``cells`` by its hidden suite against ``code_cells``.

    ``submission_key`` (a digest of the submitted code, see
    :func:`submission_key`) seeds the hidden inputs with the course secret and
    the student: a resubmission draws new inputs, a regrade the same ones.
    """
    copy = nncourse_copy(lesson.protect, workspace)
    seed = (secret, student_id, lesson.name) + ((submission_key,) if submission_key else ())
    results = []
    load_timeout: str | None = None
    for cell in cells:
        suite = lesson.suite_for(cell.grade_id, cell.source)
        with Submission(code_cells, copy, lesson.limits, budget_seconds=lesson.limits.cell_seconds) as sub:
            try:
                if load_timeout:
                    # a notebook that hangs while loading costs one cell's budget, not one per cell
                    raise StudentTimeout(load_timeout)
                sub._ensure()
            except StudentProblem as exc:
                if isinstance(exc, StudentTimeout):
                    load_timeout = str(exc)
                # the notebook's definitions could not even be loaded
                res = CellResult(grade_id=cell.grade_id, points=cell.points)
                res.tests.append(TestResult(name="load", doc="your notebook's definitions load", weight=1.0,
                                            passed=False, message=str(exc)))
                results.append(res)
                continue
            res = run_suite(suite, sub, cell.grade_id, cell.points, seed)
            if not sub.sandboxed:
                res.notes.append("graded without a sandbox")
        results.append(res)
    return results


def submission_key(code_cells: list[tuple[int, str]]) -> str:
    """A digest of the submitted code cells (what the student wrote, in order)."""
    h = hashlib.sha256()
    for index, source in code_cells:
        h.update(f"{index}\x1f{source}\x1e".encode())
    return h.hexdigest()
