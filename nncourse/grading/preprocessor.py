"""The nbgrader preprocessor that puts the hidden suites' scores into a notebook.

It replaces nbgrader's ``Execute`` in ``Autograde.autograde_preprocessors``
(see :mod:`nncourse.grading.config`): nbgrader never runs the submission in a
kernel of its own.  For each autograded code cell that nbgrader's gradebook
knows for this notebook, it runs the hidden suite the trusted cell source
names, in this process, against a sandboxed worker holding the submission's
definitions, and writes the result into the cell as

* a ``stdout`` stream with the per-test feedback, and
* an ``execute_result`` whose ``text/plain`` is the score, a plain float
  never above the cell's points,

which nbgrader's ``SaveAutoGrades`` then stores as partial credit.

Nothing in the submitted file is trusted: grade cells are identified by the
gradebook's ``grade_id``s (metadata it does not vouch for was dropped by
:mod:`.sanitize`), their sources and points come from the gradebook, and
everything else the student wrote is only *code to load* in the sandbox.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from .cells import student_cells
from .config import course_secret
from .engine import GradeCell, freeze_heap_once, grade_cells, load_lesson, nncourse_copy, submission_key
from .forkserver import prestart
from .gradebook import take_over
from .probe import SandboxUnavailable, clear_sandbox_failure, record_sandbox_failure, start_check
from .sandbox import SANDBOX_WARNING, bwrap_path, package_dir, tree_digest

_BASELINE: dict[tuple[str, ...], str] = {}


class TamperingDetected(RuntimeError):
    pass


def _workspace_of(db_url: str) -> str | None:
    parsed = urlparse(db_url)
    if parsed.scheme != "sqlite":
        return None
    return os.path.dirname(os.path.abspath(db_url[len("sqlite:///"):]))


class GradeWithHiddenSuites(NbGraderPreprocessor):
    """Score autograded cells with nncourse's hidden suites (see module docs)."""

    autograder_dir = Unicode(
        "autograder", help="Folder holding autograder/<lesson>/lesson.toml and the hidden suites."
    ).tag(config=True)
    secret = Unicode(
        "", help="Course secret seeding hidden inputs; default $NNCOURSE_SECRET or <workspace>/.nncourse_secret."
    ).tag(config=True)

    def _trusted_paths(self) -> list[str]:
        return [os.path.abspath(self.autograder_dir), package_dir()]

    def _check_untouched(self) -> None:
        key = tuple(self._trusted_paths())
        digest = tree_digest(list(key))
        if key not in _BASELINE:
            _BASELINE[key] = digest
        elif _BASELINE[key] != digest:
            raise TamperingDetected(
                "files that grading trusts (the hidden suites or the installed nncourse) changed while "
                "submissions were graded unsandboxed; grading stops. Restore them, install bubblewrap, "
                "and re-run with --force.")

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        student, assignment, notebook = info["student"], info["assignment"], info["notebook"]
        sandboxed = bwrap_path() is not None
        workspace = _workspace_of(info["db_url"])
        lesson = load_lesson(self.autograder_dir, assignment)
        if not sandboxed:
            self.log.warning(SANDBOX_WARNING)
            self._check_untouched()

        book = take_over(info)
        trusted = [GradeCell(*cell) for cell in book.code_grade_cells()]

        # 1. What the student wrote: every code cell except the grade cells, which
        #    OverwriteCells restored from the gradebook (TrustGradebookCells, in the
        #    sanitize step, already dropped metadata the gradebook does not vouch for).
        code_cells = student_cells(nb, grade_ids=book.grades)
        grade_cell_ids = {(c.metadata.get("nbgrader") or {}).get("grade_id") for c in nb.cells} & set(book.grades)

        # 2. Score every autograded code cell of the trusted notebook: the results a parallel or
        #    distributed run computed for exactly these inputs (its graders started only after
        #    `nncourse autograde` probed the sandbox), or grade it here.
        secret = self.secret or course_secret(workspace)
        computed = _precomputed(self, lesson, notebook, code_cells, trusted, student, secret)
        if computed is None:
            computed = self._grade(lesson, code_cells, trusted, student, secret, workspace, sandboxed)
        results = {r.grade_id: r for r in computed}

        # 3. Write the scores into the cells nbgrader will read.
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader") or {}
            gid = meta.get("grade_id")
            if cell.cell_type != "code" or gid not in results:
                continue
            res = results[gid]
            text = res.feedback() + "\n"
            cell.outputs = [
                new_output("stream", name="stdout", text=text),
                new_output("execute_result", data={"text/plain": repr(float(res.score))}, execution_count=1),
            ]
            cell.execution_count = 1
            self.log.info("%s %s %s: %g / %g (%.1f s)", assignment, student, gid, res.score, res.points,
                          res.seconds)
        missing = set(results) - grade_cell_ids
        if missing:
            self.log.warning("grade cells %s are not in %s's notebook even after restoring missing cells",
                             sorted(missing), student)

        if not sandboxed:
            self._check_untouched()
        return nb, resources

    def _grade(self, lesson, code_cells, trusted, student, secret, workspace, sandboxed):
        """Grade here; sandboxed, only once the probe answered (it runs alongside, see :mod:`.probe`)."""
        if not sandboxed:
            return grade_cells(lesson, code_cells, trusted, student, secret, submission_key(code_cells), workspace)
        # the preloaded worker starts while pytest starts; the probe is its first fork
        copy = nncourse_copy(lesson.protect, workspace)
        prestart(copy, lesson.limits)
        sandbox_works = start_check(lesson.limits, copy)
        try:
            results = grade_cells(lesson, code_cells, trusted, student, secret, submission_key(code_cells),
                                  workspace)
        finally:
            try:
                sandbox_works()
                clear_sandbox_failure(workspace)
            except SandboxUnavailable as exc:
                if workspace:
                    record_sandbox_failure(workspace, str(exc))
                self.log.error("%s", exc)
                raise
        return results

    def preprocess_cell(self, cell, resources, index):  # pragma: no cover - preprocess does the work
        return cell, resources


class StartPreloadedWorker(GradeWithHiddenSuites):
    """First of nbgrader's sanitize step: starts, in the background, the preloaded worker
    (:mod:`.forkserver`) that :class:`GradeWithHiddenSuites` will fork each cell's worker
    from, so that its start overlaps nbgrader's own bookkeeping instead of the grading.
    Changes nothing in the notebook; does nothing unsandboxed or when the grades were
    computed ahead (``nncourse autograde --jobs``); a lesson that cannot be read is
    reported by the grading step."""

    def preprocess(self, nb, resources):
        from .batch import PRECOMPUTED_ENV

        freeze_heap_once()   # from here on, nbgrader's own collections skip its modules too
        info = resources.get("nbgrader") or {}
        if bwrap_path() is not None and not os.environ.get(PRECOMPUTED_ENV) and info.get("assignment"):
            try:
                lesson = load_lesson(self.autograder_dir, info["assignment"])
                prestart(nncourse_copy(lesson.protect, _workspace_of(info.get("db_url", ""))), lesson.limits)
            except Exception:  # noqa: BLE001 - GradeWithHiddenSuites reports it, for this notebook
                pass
        return nb, resources


def _precomputed(pp, lesson, notebook, code_cells, trusted, student, secret):
    """Grades a parallel or distributed run computed for exactly these inputs (see :mod:`.batch`), or None."""
    from .batch import precomputed_results

    return precomputed_results(pp.autograder_dir, lesson.name, notebook, code_cells, trusted, student, secret,
                               pp.log)
