"""One submission's grading as a unit of work that can run anywhere.

Grading a notebook is a pure function (:func:`run_task`) of

* the trusted grade cells (grade_id, source, points, from nbgrader's gradebook),
* the submission's code cells (after nbgrader's sanitize step),
* the lesson's grading material (``autograder/<lesson>/`` and the installed
  ``nncourse``, identified by :func:`material_digest`),
* the student id and the course secret,

and returns plain data.  A :class:`GradingTask` carries those inputs to a
process of this machine (:mod:`.parallel`) or a Dask worker
(:mod:`.distributed`); the record it returns is stored by :class:`ResultStore`
under the workspace.  Exactly one process then writes the gradebook, through
``nbgrader autograde``: its grading preprocessor asks
:func:`precomputed_results` for the record of the notebook at hand, which is
used only when the digest of the preprocessor's *own* inputs
(:func:`inputs_digest`) equals the record's; otherwise (missing, stale,
tampered, different sanitizing) it grades the notebook itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass

from .engine import CellResult, GradeCell, grade_cells, load_lesson, submission_key
from .sandbox import package_dir

PRECOMPUTED_ENV = "NNCOURSE_PRECOMPUTED"
WAIT_SECONDS = 3600.0   # longest the writer waits for one expected record before grading it itself


# -- the inputs and their digest ---------------------------------------------

def _folder_digest(top: str) -> str:
    """Names (relative to ``top``) and contents of every file under ``top``, caches excluded."""
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", ".ipynb_checkpoints"))
        for name in sorted(filenames):
            if name.endswith(".pyc"):
                continue
            path = os.path.join(dirpath, name)
            h.update(os.path.relpath(path, top).encode() + b"\0")
            with open(path, "rb") as fh:
                h.update(hashlib.sha256(fh.read()).digest())
    return h.hexdigest()


_MATERIAL: dict[tuple[str, str], tuple[float, str]] = {}


def material_digest(autograder_dir: str, lesson: str, max_age: float = 5.0) -> str:
    """Digest of ``autograder/<lesson>/`` and the installed ``nncourse`` (paths relative).

    The same on every machine that holds the same suites and library, wherever
    they are installed; recomputed at most every ``max_age`` seconds.
    """
    key = (os.path.abspath(autograder_dir), lesson)
    now = time.monotonic()
    cached = _MATERIAL.get(key)
    if cached is None or now - cached[0] > max_age:
        folder = os.path.join(key[0], lesson)
        if not os.path.isdir(folder):
            raise FileNotFoundError(f"no grading material for lesson {lesson!r}: {folder} does not exist")
        both = "suites:" + _folder_digest(folder) + " nncourse:" + _folder_digest(package_dir())
        cached = (now, hashlib.sha256(both.encode()).hexdigest())
        _MATERIAL[key] = cached
    return cached[1]


def inputs_digest(lesson: str, material: str, code_cells: list[tuple[int, str]], cells: list[GradeCell],
                  student: str, secret: str) -> str:
    """Digest of everything one notebook's grades depend on (the secret only hashed)."""
    data = {"lesson": lesson, "material": material, "student": student,
            "secret": hashlib.sha256(secret.encode()).hexdigest(),
            "cells": [[c.grade_id, c.source, float(c.points)] for c in cells],
            "code": [[int(i), str(s)] for i, s in code_cells]}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@dataclass
class GradingTask:
    """Everything needed to grade one notebook of one student (plain data)."""

    student: str
    lesson: str
    notebook: str                    # nbgrader's notebook id (file name without .ipynb)
    cells: list[tuple[str, str, float]]
    code_cells: list[tuple[int, str]]
    secret: str
    material: str                    # material_digest() on the coordinator

    @property
    def key(self) -> str:
        return f"{self.student}/{self.notebook}"

    def grade_cells(self) -> list[GradeCell]:
        return [GradeCell(g, s, float(p)) for g, s, p in self.cells]

    def digest(self) -> str:
        return inputs_digest(self.lesson, self.material, self.code_cells, self.grade_cells(), self.student,
                             self.secret)


def run_task(task: GradingTask, autograder_dir: str) -> dict:
    """Grade ``task`` with the suites in ``autograder_dir``; a JSON-ready record.

    ``{"key", "student", "notebook", "digest", "seconds", "results": [CellResult.to_dict()]}``,
    or ``"error"`` (text) instead of ``"results"`` when the notebook could not be graded.
    """
    start = time.monotonic()
    record = {"key": task.key, "student": task.student, "notebook": task.notebook, "digest": task.digest()}
    try:
        lesson = load_lesson(autograder_dir, task.lesson)
        results = grade_cells(lesson, task.code_cells, task.grade_cells(), task.student, task.secret,
                              submission_key(task.code_cells))
        record["results"] = [r.to_dict() for r in results]
    except Exception as exc:  # noqa: BLE001 - reported per notebook, the writer regrades it
        record["error"] = f"{type(exc).__name__}: {str(exc)[:2000]}"
    record["seconds"] = round(time.monotonic() - start, 3)
    return record


# A grading process of this machine runs this much nicer than the one gradebook writer, which
# must keep pace with every grader: left to share the cores evenly it falls behind and finishes
# alone on one core after the last grade is in. At 5 nicer it still fell 1.5-3 s behind on 40
# notebooks with --jobs 2 (a nice-5 process keeps a third of the writer's share of a core);
# at 15 (a thirtieth) it finishes 0.2 s after the last grade.
GRADER_NICENESS = 15


def lower_priority(thread_only: bool = False) -> None:
    """Run this process (or only the calling thread: Linux gives each thread its own nice value)
    :data:`GRADER_NICENESS` nicer than the gradebook writer; where that is not allowed, as it is."""
    try:
        if thread_only:
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + GRADER_NICENESS)
        else:
            os.nice(GRADER_NICENESS)
    except (OSError, AttributeError):
        pass


def warm_up(autograder_dir: str, lesson: str | None, cpus: list[int] | None = None, started=None,
            env: dict[str, str] | None = None) -> None:
    """A grading process's first step: take the environment ``env`` of the run that started it,
    lower its priority below the gradebook writer's (:data:`GRADER_NICENESS`), keep to one of
    ``cpus`` (the ``started.value``-th, counting the processes started before it), and start its
    preloaded worker for ``lesson`` (if given) in the background, so that it starts alongside the
    first task's pytest session.

    The environment: grading processes are forked from a server that lives as long as the
    process that started it first, with that first run's environment. A process that grades
    twice (a test session, a notebook) must not have its second run graded with the first
    run's settings (``NNCOURSE_SANDBOX``, ``NNCOURSE_BWRAP``, ...).

    On one core a process and the workers it forks hand each cell's calls back and forth
    within that core's caches; spread over two, the same grading took 8-14 % more CPU time.
    The preloaded worker, started after, keeps to the same core.
    """
    from .engine import nncourse_copy
    from .forkserver import prestart

    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    lower_priority()
    if cpus and started is not None:
        with started.get_lock():
            index, started.value = started.value, started.value + 1
        try:
            os.sched_setaffinity(0, {cpus[index % len(cpus)]})
        except (OSError, AttributeError):
            pass
    if lesson is None:
        return
    try:
        material = load_lesson(autograder_dir, lesson)
        prestart(nncourse_copy(material.protect), material.limits)
    except Exception:  # noqa: BLE001 - the first task reports what is wrong with the lesson
        pass


# -- where records wait for the gradebook writer --------------------------------

class ResultStore:
    """``<folder>/<student>/<notebook>.json``, written atomically.

    While a run is under way (:meth:`expect` … :meth:`close`), :meth:`get`
    waits for a record that is expected but not there yet, so the gradebook
    writer can run alongside the graders.
    """

    def __init__(self, folder: str):
        self.folder = os.path.abspath(folder)

    def _path(self, student: str, notebook: str) -> str:
        for part in (student, notebook):
            if not part or part.startswith(".") or os.sep in part or "\0" in part:
                raise ValueError(f"not a student or notebook id: {part!r}")
        return os.path.join(self.folder, student, notebook + ".json")

    def _write(self, path: str, data) -> None:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        text = json.dumps(data)   # not json.dump: it encodes in Python, about 10x slower than dumps' C encoder
        with open(tmp, "w") as fh:
            fh.write(text)
        os.replace(tmp, path)

    def expect(self, keys: list[str]) -> None:
        """Announce the records (``student/notebook``) this run will write; written by its owner."""
        self._write(os.path.join(self.folder, ".expected.json"), {"pid": os.getpid(), "keys": sorted(keys)})

    def close(self) -> None:
        """No more records will come: readers stop waiting."""
        self._write(os.path.join(self.folder, ".done"), {})

    def put(self, record: dict) -> None:
        self._write(self._path(record["student"], record["notebook"]), record)

    def _waiting_for(self, key: str) -> bool:
        if os.path.exists(os.path.join(self.folder, ".done")):
            return False
        try:
            with open(os.path.join(self.folder, ".expected.json")) as fh:
                expected = json.load(fh)
            os.kill(int(expected["pid"]), 0)          # the run that will write it still exists
        except (OSError, ValueError, KeyError, TypeError):
            return False
        return key in expected.get("keys", [])

    def get(self, student: str, notebook: str, wait: float = 0.0) -> dict | None:
        """The record, waiting up to ``wait`` seconds while it is expected; None if absent or unreadable."""
        path = self._path(student, notebook)
        deadline = time.monotonic() + wait
        while not os.path.exists(path) and time.monotonic() < deadline \
                and self._waiting_for(f"{student}/{notebook}"):
            time.sleep(0.05)
        try:
            with open(path) as fh:
                record = json.load(fh)
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) else None


def precomputed_results(autograder_dir: str, lesson: str, notebook: str, code_cells: list[tuple[int, str]],
                        cells: list[GradeCell], student: str, secret: str, log=None) -> list[CellResult] | None:
    """The results computed ahead for this notebook, if their inputs are exactly these; else None.

    Looks in the :class:`ResultStore` named by ``$NNCOURSE_PRECOMPUTED`` (set
    by ``nncourse autograde --jobs/--scheduler/--cluster`` for its one
    ``nbgrader autograde`` run).  A missing, failed, malformed or stale record
    gives None, and the caller grades the notebook itself.
    """
    folder = os.environ.get(PRECOMPUTED_ENV)
    if not folder:
        return None
    try:
        record = ResultStore(folder).get(student, notebook, wait=WAIT_SECONDS)
        if record is None or "results" not in record:
            return None
        want = inputs_digest(lesson, material_digest(autograder_dir, lesson), code_cells, cells, student, secret)
        if record.get("digest") != want:
            if log is not None:
                log.info("%s %s: the precomputed grades are for other inputs; grading here", lesson, student)
            return None
        results = [CellResult.from_dict(r) for r in record["results"]]
    except (OSError, ValueError) as exc:
        if log is not None:
            log.warning("%s %s: precomputed grades unusable (%s); grading here", lesson, student, exc)
        return None
    if [r.grade_id for r in results] != [c.grade_id for c in cells] or \
            any(r.points != float(c.points) for r, c in zip(results, cells)):
        return None
    if log is not None:
        log.info("%s %s: using the grades computed ahead for exactly this notebook", lesson, student)
    return results
