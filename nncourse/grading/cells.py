"""Which cells of a notebook are the student's code, and which are grade cells.

Grading loads *the student's code*: every code cell of the notebook except
the autograded ("grade") cells, whose visible part is a self-check and whose
hidden part names a suite.  Everything that grades or tries code (the nbgrader
preprocessor, ``nncourse try``, mutation testing, the tests) picks the cells
here, so they all load the same thing.

In grading nothing in the submission is trusted: which cells are grade cells
comes from the gradebook (``grade_ids``), never from the notebook's metadata,
which a student can edit.  Elsewhere (a source notebook of the course) the
notebook's own nbgrader metadata says so.
"""

from __future__ import annotations

from typing import Collection

__all__ = ["grade_cells_of", "student_cells"]


def _meta(cell) -> dict:
    meta = cell.metadata.get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def student_cells(nb, grade_ids: Collection[str] | None = None) -> list[tuple[int, str]]:
    """``(index, source)`` of each code cell of ``nb`` that is the student's code, in notebook order.

    ``grade_ids``: the grade cells' ``grade_id``s to leave out (the
    gradebook's, when grading a submission); by default the cells whose
    nbgrader metadata says ``grade``.
    """
    out = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        meta = _meta(cell)
        is_grade = meta.get("grade_id") in grade_ids if grade_ids is not None else bool(meta.get("grade"))
        if not is_grade:
            out.append((index, cell.source))
    return out


def grade_cells_of(nb) -> dict[str, tuple[str, float]]:
    """``grade_id -> (source, points)`` of each autograded code cell of a (trusted) source notebook."""
    return {meta["grade_id"]: (cell.source, float(meta.get("points", 0)))
            for cell in nb.cells if cell.cell_type == "code"
            for meta in [_meta(cell)] if meta.get("grade") and meta.get("grade_id")}
