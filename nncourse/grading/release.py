"""Regenerate ``lessons/`` from ``solutions/`` without ever losing the committed release.

``nbgrader generate_assignment --force`` deletes the release folder first and
only then converts, so a failure in between (a broken solution, a missing
tool) leaves no lesson at all.  :func:`release` lets nbgrader generate every
requested lesson into a temporary folder and replaces ``lessons/<lesson>``
only once all of them succeeded.  The generation also records each lesson's
notebooks and grade cells in the workspace's gradebook, which autograding
needs.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from .config import write_config
from .course import Course


def lesson_names(root: str) -> list[str]:
    solutions = os.path.join(root, "solutions")
    return sorted(d for d in os.listdir(solutions) if os.path.isdir(os.path.join(solutions, d)))


def release(root: str, lessons: list[str] | None = None, workspace: str | None = None) -> list[str]:
    """Generate ``lessons`` (default: all) and swap them into ``root/lessons/``; return their names.

    Raises ``RuntimeError`` with nbgrader's output when a generation fails;
    ``lessons/`` is then exactly as it was.
    """
    root = os.path.abspath(root)
    known = lesson_names(root)
    names = lessons or known
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"nncourse release: no lesson {', '.join(unknown)} in solutions/ "
                         f"(lessons: {', '.join(known)})")
    workspace = workspace or os.environ.get("NNCOURSE_WORKSPACE", os.path.join(root, "workspace"))
    target = os.path.join(root, "lessons")
    os.makedirs(target, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".release-", dir=target) as tmp:
        made = os.path.join(tmp, "lessons")
        write_config(tmp, repo=root, workspace=workspace, release=made)
        course = Course(tmp, workspace)
        for name in names:
            course.nbgrader("generate_assignment", name, "--force")
        old = os.path.join(tmp, "old")
        os.makedirs(old)
        for name in names:
            dest = os.path.join(target, name)
            if os.path.exists(dest):
                os.rename(dest, os.path.join(old, name))
            os.rename(os.path.join(made, name), dest)
        shutil.rmtree(old, ignore_errors=True)
    return names
