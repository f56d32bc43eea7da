"""``nncourse start``: JupyterLab on a student's own copy of the lessons.

The release in ``lessons/`` is what ``nbgrader generate_assignment`` made and
is committed; a student never edits it.  :func:`student_copy` copies each
lesson folder of ``lessons/`` into ``work/`` (git-ignored) the first time it
is seen and never touches it again, so a student's edits survive every later
run and a lesson released later is added next to them.

:func:`lab_command` builds the JupyterLab command line: served from the
course root (so nbgrader's formgrader finds the workspace inside it), opening
``work/`` in the file browser, with ``--allow-root`` when run as root and
without a non-interactive ``MPLBACKEND`` leaking into the notebook kernels.
"""

from __future__ import annotations

import os
import shutil
import sys

WORK = "work"
# Backends that draw nothing in a notebook; a kernel started with one shows no figure.
_SILENT_BACKENDS = {"agg", "pdf", "ps", "svg", "cairo", "template"}


def student_copy(root: str, work: str | None = None) -> tuple[str, list[str]]:
    """Copy each lesson of ``root/lessons/`` missing from ``work`` (default ``root/work``).

    Returns ``(work, added)`` with the names of the lessons copied now.  A
    lesson folder that already exists in ``work`` is left exactly as it is.
    """
    release = os.path.join(root, "lessons")
    if not os.path.isdir(release):
        raise SystemExit(f"nncourse start: {release} does not exist; run `make release` first")
    work = os.path.abspath(work or os.path.join(root, WORK))
    os.makedirs(work, exist_ok=True)
    added = []
    for lesson in sorted(os.listdir(release)):
        src = os.path.join(release, lesson)
        dest = os.path.join(work, lesson)
        if not os.path.isdir(src) or lesson.startswith(".") or os.path.lexists(dest):
            continue
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        added.append(lesson)
    return work, added


def lab_env(environ: dict | None = None) -> dict:
    """The environment for JupyterLab and its kernels: no backend that draws nothing."""
    env = dict(os.environ if environ is None else environ)
    backend = env.get("MPLBACKEND", "")
    if backend.lower() in _SILENT_BACKENDS:
        del env["MPLBACKEND"]
    bindir = os.path.dirname(sys.executable)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    return env


def lab_command(root: str, work: str, open_path: str | None = None, extra: list[str] | None = None) -> list[str]:
    """``jupyter lab`` served from ``root``, opening ``open_path`` (default: the student copy)."""
    exe = os.path.join(os.path.dirname(sys.executable), "jupyter")
    rel = os.path.relpath(work, root)
    if rel.startswith(".."):
        raise SystemExit(f"nncourse start: the student copy {work} must be inside the course folder {root}")
    target = open_path or f"/lab/tree/{rel}"
    cmd = [exe if os.path.exists(exe) else "jupyter", "lab", f"--ServerApp.root_dir={root}",
           f"--LabApp.default_url={target}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd + list(extra or [])


def check_workspace_served(root: str, workspace: str) -> str | None:
    """A warning when the formgrader cannot see the workspace (it must be inside the served folder)."""
    if os.path.relpath(os.path.abspath(workspace), root).startswith(".."):
        return (f"note: the workspace {workspace} is outside {root}; nbgrader's formgrader only manages a "
                "course inside the folder JupyterLab serves. Unset NNCOURSE_WORKSPACE to use ./workspace.")
    return None
