"""The gradebook's record of one assignment, read once, for the sanitize step of a run that grades ahead.

A :class:`~.parallel.Plan` sanitizes every submitted notebook with the
course's own sanitize preprocessors before it makes its grading task.  Two of
them read the gradebook for each notebook: nbgrader's ``OverwriteCells``
(which opens it and runs about thirty queries per notebook) and
:class:`~.sanitize.TrustGradebookCells`.  What they read — the cells nbgrader
recorded when it generated the assignment — does not change while a run
lasts (only ``nbgrader generate_assignment`` changes it), so the plan reads it
once and both take it from here.  The writer's own sanitize step still reads
the gradebook itself, and a task is used only if its inputs are exactly the
writer's: a snapshot that differed would cost a regrade, never a wrong grade.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from nbgrader.api import MissingEntry
from nbgrader.preprocessors import OverwriteCells

from .gradebook import TrustedNotebook
from .sanitize import TrustGradebookCells


@dataclass(frozen=True)
class _Cell:
    """The fields of a gradebook cell row that the sanitizers read."""

    name: str
    cell_type: str | None = None
    locked: bool = False
    checksum: str | None = None
    source: str = ""
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
            self._trusted[nb.name] = TrustedNotebook.of(nb)
            self._notebooks[nb.name] = SimpleNamespace(
                source_cells=[_Cell(c.name, c.cell_type, bool(c.locked), c.checksum, c.source)
                              for c in nb.source_cells],
                grade_cells=[_Cell(c.name, c.cell_type, max_score=float(c.max_score)) for c in nb.grade_cells],
                solution_cells=[_Cell(c.name) for c in nb.solution_cells],
                task_cells=[_Cell(c.name, max_score=float(c.max_score)) for c in nb.task_cells])

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
        the two that read it; any other preprocessor (a course's subclass of ``OverwriteCells``
        included, whose reads this cannot know) as it is."""
        if type(preprocessor) is OverwriteCells:
            preprocessor = _OverwriteCellsFromSnapshot(config=preprocessor.config, parent=preprocessor.parent)
        if isinstance(preprocessor, (TrustGradebookCells, _OverwriteCellsFromSnapshot)):
            preprocessor.snapshot = self
        return preprocessor


class _OverwriteCellsFromSnapshot(OverwriteCells):
    """nbgrader's ``OverwriteCells`` with its gradebook lookups answered by a :class:`GradebookSnapshot`:
    its ``preprocess`` but for the ``Gradebook`` it opens."""

    snapshot: GradebookSnapshot | None = None

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.db_url = resources["nbgrader"]["db_url"]
        self.gradebook = self.snapshot
        nb, resources = super(OverwriteCells, self).preprocess(nb, resources)
        if self.add_missing_cells:
            nb, resources = self.add_missing_grade_cells(nb, resources)
            nb, resources = self.add_missing_task_cells(nb, resources)
        return nb, resources
