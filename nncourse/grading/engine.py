"""Grade the autograded cells of one submission.

This is the whole grading engine without nbgrader around it; the nbgrader
preprocessor (:mod:`.preprocessor`) and ``nncourse try`` both call
:func:`grade_cells`.  Every cell gets a fresh sandboxed worker holding the
submission's definitions, so one exercise that hangs or crashes costs that
exercise only.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
from dataclasses import dataclass

from .lesson import Lesson
from .remote import Submission, StudentProblem
from .runner import CellResult, TestResult, run_suite
from .sandbox import protected_copy, temp_dir

_COPIES: dict[tuple[str, ...], str] = {}


def nncourse_copy(protect: list[str]) -> str:
    """The protected copy of nncourse for a lesson (made once per process)."""
    key = tuple(sorted(protect))
    if key not in _COPIES:
        root = temp_dir("nncourse-grading-")
        atexit.register(shutil.rmtree, root, True)
        _COPIES[key] = protected_copy(list(key), root)
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
                student_id: str, secret: str) -> list[CellResult]:
    """Score each of ``cells`` by its hidden suite against ``code_cells``."""
    copy = nncourse_copy(lesson.protect)
    results = []
    for cell in cells:
        suite = lesson.suite_for(cell.grade_id, cell.source)
        with Submission(code_cells, copy, lesson.limits, budget_seconds=lesson.limits.cell_seconds) as sub:
            try:
                sub._ensure()
            except StudentProblem as exc:
                # the notebook's definitions could not even be loaded
                res = CellResult(grade_id=cell.grade_id, points=cell.points)
                res.tests.append(TestResult(name="load", doc="your notebook's definitions load", weight=1.0,
                                            passed=False, message=str(exc)))
                results.append(res)
                continue
            res = run_suite(suite, sub, cell.grade_id, cell.points,
                            (secret, student_id, lesson.name))
            if not sub.sandboxed:
                res.notes.append("graded without a sandbox")
        results.append(res)
    return results
