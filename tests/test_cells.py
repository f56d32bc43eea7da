"""Which cells are the student's code, and what the gradebook says of a notebook: one place each."""

from __future__ import annotations

import os

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from nncourse.grading import gradebook
from nncourse.grading.cells import grade_cells_of, student_cells

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _notebook():
    nb = new_notebook()
    nb.cells = [
        new_code_cell("import numpy as np"),
        new_markdown_cell("# text"),
        new_code_cell("def f(x):\n    return x", metadata={"nbgrader": {"grade_id": "f_code", "solution": True}}),
        new_code_cell("check(f)", metadata={"nbgrader": {"grade_id": "f", "grade": True, "points": 2}}),
        new_code_cell("y = 1", metadata={"nbgrader": ["not", "a", "dict"]}),
        new_code_cell("forged", metadata={"nbgrader": {"grade_id": "extra", "grade": True, "points": 99}}),
    ]
    return nb


def test_source_notebooks_leave_out_cells_their_metadata_calls_grade_cells():
    assert student_cells(_notebook()) == [(0, "import numpy as np"), (2, "def f(x):\n    return x"), (4, "y = 1")]
    assert grade_cells_of(_notebook()) == {"f": ("check(f)", 2.0), "extra": ("forged", 99.0)}


def test_in_grading_only_the_gradebooks_grade_cells_are_left_out():
    """A cell whose forged metadata says 'grade' is still the student's code; the gradebook decides."""
    assert student_cells(_notebook(), grade_ids={"f"}) == [
        (0, "import numpy as np"), (2, "def f(x):\n    return x"), (4, "y = 1"), (5, "forged")]


def test_try_and_mutation_testing_load_the_cells_the_tests_load():
    """Do ``nncourse try`` / mutation testing and the tests' namespaces start from the same cells?"""
    from nncourse.grading.mutate import notebook_cells

    nb = nbformat.read(os.path.join(ROOT, "solutions", "04-backprop", "04-backprop.ipynb"), as_version=4)
    cells, _, _, points = notebook_cells(ROOT, "04-backprop", "linear")
    assert cells == student_cells(nb) and points == grade_cells_of(nb)["linear"][1]
    assert all(not (nb.cells[i].metadata.get("nbgrader") or {}).get("grade") for i, _ in cells)


class _Row:
    def __init__(self, name, **kw):
        self.name = name
        self.__dict__.update(kw)


class _SourceNotebook:
    grade_cells = [_Row("f", cell_type="code", max_score=2), _Row("essay", cell_type="markdown", max_score=1)]
    solution_cells = [_Row("f_code")]
    source_cells = [_Row("f", source="check(f)"), _Row("intro", source="import numpy as np")]


def test_trusted_notebook_from_a_gradebook_row():
    book = gradebook.TrustedNotebook.of(_SourceNotebook())
    assert book.grades == {"f": ("code", 2.0), "essay": ("markdown", 1.0)}
    assert book.code_grade_cells() == [("f", "check(f)", 2.0)]
    assert book.known == {"f", "essay", "f_code", "intro"}


def test_the_gradebook_is_read_once_per_notebook(monkeypatch):
    """Does the preprocessor take what the sanitize step read, once, and read again for anything else?"""
    reads = []

    def read(db_url, notebook, assignment):
        reads.append((db_url, notebook, assignment))
        return gradebook.TrustedNotebook.of(_SourceNotebook())

    monkeypatch.setattr(gradebook, "read_trusted", read)
    info = {"db_url": "sqlite:///g.db", "assignment": "a", "notebook": "n", "student": "s1"}
    book = gradebook.read_trusted(info["db_url"], info["notebook"], info["assignment"])
    gradebook.hand_over(info, book)
    assert gradebook.take_over(info) is book and len(reads) == 1
    assert gradebook.take_over(info) is not book and len(reads) == 2          # handed over once only
    gradebook.hand_over(info, book)
    gradebook.take_over(dict(info, student="s2"))                             # another student: read afresh
    assert len(reads) == 3
    gradebook.hand_over(dict(info, student="s3"), book)                       # one slot: the last hand-over
    assert gradebook.take_over(info) is not book and len(reads) == 4
