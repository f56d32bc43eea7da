"""The gradebook's record of one assignment, read once per run.

Two of the sanitize preprocessors read the gradebook for every notebook they
sanitize: nbgrader's ``OverwriteCells`` (which opens it and runs about thirty
queries per notebook) and :class:`~.sanitize.TrustGradebookCells`.  What they
read — the cells nbgrader recorded when it generated the assignment — does not
change while a run lasts (only ``nbgrader generate_assignment`` changes it), so
a run reads it once:

* a :class:`~.parallel.Plan` (which sanitizes every notebook before it makes
  its grading task) reads it when it starts;
* an ``nbgrader autograde`` run (the one writer of a ``--jobs`` run, or a
  serial run) reads it at its first notebook (:func:`of_run`): nbgrader makes
  new preprocessors for every notebook, but one converter per run, and the
  snapshot is kept with that converter — in a Jupyter server too, where the
  formgrader makes a converter per request.

A preprocessor with neither (made on its own) reads the gradebook itself.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from types import SimpleNamespace

from nbgrader.api import MissingEntry

from .gradebook import TrustedNotebook


@dataclass(frozen=True)
class _Cell:
    """The fields of a gradebook cell row that the sanitizers read."""

    name: str
    cell_type: str | None = None
    locked: bool = False
    checksum: str | None = None
    source: str | None = ""
    max_score: float = 0.0


class GradebookSnapshot:
    """Every notebook of ``assignment`` as the open gradebook ``gb`` records it, offering the
    few ``Gradebook`` lookups ``OverwriteCells`` makes (``find_source_cell``,
    ``find_graded_cell``, ``find_notebook``) and each notebook's :class:`~.gradebook.TrustedNotebook`."""

    def __init__(self, gb, assignment: str):
        self.assignment = assignment
        self._notebooks: dict[str, SimpleNamespace] = {}
        self._trusted: dict[str, TrustedNotebook] = {}
        try:
            notebooks = gb.find_assignment(assignment).notebooks
        except MissingEntry:
            notebooks = []
        for nb in notebooks:
            self._notebooks[nb.name] = cells = SimpleNamespace(
                source_cells=[_Cell(c.name, c.cell_type, bool(c.locked), c.checksum, c.source)
                              for c in nb.source_cells],
                grade_cells=[_Cell(c.name, c.cell_type, max_score=float(c.max_score)) for c in nb.grade_cells],
                solution_cells=[_Cell(c.name) for c in nb.solution_cells],
                task_cells=[_Cell(c.name, max_score=float(c.max_score)) for c in nb.task_cells])
            self._trusted[nb.name] = TrustedNotebook.of(cells)   # what it reads, from the copy above

    @classmethod
    def read(cls, db_url: str, assignment: str) -> GradebookSnapshot:
        from nbgrader.api import Gradebook

        with Gradebook(db_url) as gb:
            return cls(gb, assignment)

    @property
    def notebooks(self) -> list[str]:
        """The assignment's notebooks, in the gradebook's order."""
        return list(self._notebooks)

    # -- what OverwriteCells asks of its gradebook ----------------------------

    def __enter__(self) -> GradebookSnapshot:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def find_notebook(self, notebook: str, assignment: str) -> SimpleNamespace:
        if assignment != self.assignment or notebook not in self._notebooks:
            raise MissingEntry()
        return self._notebooks[notebook]

    def _find(self, kind: str, name: str, notebook: str, assignment: str) -> _Cell:
        for cell in getattr(self.find_notebook(notebook, assignment), kind):
            if cell.name == name:
                return cell
        raise MissingEntry()

    def find_source_cell(self, name: str, notebook: str, assignment: str) -> _Cell:
        return self._find("source_cells", name, notebook, assignment)

    def find_graded_cell(self, name: str, notebook: str, assignment: str) -> _Cell:
        """A grade cell, or else a task cell, of that name (as ``Gradebook.find_graded_cell``)."""
        try:
            return self._find("grade_cells", name, notebook, assignment)
        except MissingEntry:
            return self._find("task_cells", name, notebook, assignment)

    # -- what TrustGradebookCells asks ----------------------------------------

    def trusted(self, notebook: str) -> TrustedNotebook:
        if notebook not in self._trusted:
            raise MissingEntry()
        return self._trusted[notebook]

    def reading(self, preprocessor):
        """``preprocessor``, made to read this snapshot instead of the gradebook when it is one of
        the two that read it; any other preprocessor (a course's own subclass of nbgrader's
        ``OverwriteCells`` included, whose reads this cannot know) as it is."""
        import nbgrader.preprocessors

        from .sanitize import OverwriteCells, TrustGradebookCells

        if type(preprocessor) is nbgrader.preprocessors.OverwriteCells:
            preprocessor = OverwriteCells(config=preprocessor.config, parent=preprocessor.parent)
        if isinstance(preprocessor, (OverwriteCells, TrustGradebookCells)):
            preprocessor.snapshot = self
        return preprocessor


# one nbgrader converter (one run of `nbgrader autograde`, or one formgrader request) -> its snapshots
_RUNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def of_run(preprocessor, db_url: str, assignment: str) -> GradebookSnapshot | None:
    """The snapshot of the nbgrader run ``preprocessor`` belongs to (the converter among its
    parents), read at the run's first notebook; None for a preprocessor of no run."""
    run = preprocessor.parent
    if run is None:
        return None
    from nbgrader.converters.base import BaseConverter

    while run is not None and not isinstance(run, BaseConverter):
        run = getattr(run, "parent", None)
    if run is None:
        return None
    snapshots = _RUNS.setdefault(run, {})
    key = (db_url, assignment)
    if key not in snapshots:
        snapshots[key] = GradebookSnapshot.read(db_url, assignment)
    return snapshots[key]
