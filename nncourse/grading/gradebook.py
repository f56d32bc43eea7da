"""What nbgrader's gradebook says of a notebook: the only trusted account of its grade cells.

nbgrader records a notebook's cells when it generates the assignment from the
course's source notebook.  Grading believes that record, never the nbgrader
metadata of a submission (a student can edit it).  The sanitize step
(:mod:`.sanitize`) and the grading preprocessor (:mod:`.preprocessor`) both
need it for the same notebook, one after the other, in nbgrader's two passes
over it; the sanitize step reads it and hands it over (:func:`hand_over`), so
the gradebook is read once per notebook (:func:`take_over` reads it itself
when nothing was handed over for exactly this notebook and student).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["TrustedNotebook", "hand_over", "read_trusted", "take_over"]


@dataclass(frozen=True)
class TrustedNotebook:
    """One notebook of an assignment as the gradebook records it.

    ``grades``: grade cell name -> (cell type, points); ``solutions``: names of
    the solution cells; ``sources``: locked ("source") cell name -> its source.
    """

    grades: dict[str, tuple[str, float]]
    solutions: frozenset[str]
    sources: dict[str, str]

    @classmethod
    def of(cls, source_nb) -> "TrustedNotebook":
        """From a gradebook ``Notebook`` row (``gb.find_notebook(name, assignment)``), or a copy of its cells
        with the same fields (:class:`~.snapshot.GradebookSnapshot`)."""
        return cls(grades={c.name: (c.cell_type, float(c.max_score)) for c in source_nb.grade_cells},
                   solutions=frozenset(c.name for c in source_nb.solution_cells),
                   sources={c.name: c.source for c in source_nb.source_cells})

    @property
    def known(self) -> set[str]:
        """Every cell name the gradebook knows for this notebook."""
        return set(self.sources) | set(self.grades) | set(self.solutions)

    def code_grade_cells(self) -> list[tuple[str, str, float]]:
        """``(name, trusted source, points)`` of each autograded code cell, in the gradebook's order."""
        return [(name, self.sources.get(name, ""), points)
                for name, (cell_type, points) in self.grades.items() if cell_type == "code"]


_READ: dict[tuple, tuple[tuple, TrustedNotebook]] = {}


def _stamp(db_url: str) -> tuple | None:
    """(mtime, size, inode) of a SQLite gradebook file, or None (not a file: never cached)."""
    if not db_url.startswith("sqlite:///"):
        return None
    try:
        st = os.stat(db_url[len("sqlite:///"):])
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def read_trusted(db_url: str, notebook: str, assignment: str) -> TrustedNotebook:
    """Read ``notebook`` of ``assignment`` from the gradebook at ``db_url``.

    Read again whenever the gradebook file changed since the last read in this
    process (a run that only reads it, such as preparing a class's tasks, reads it once).
    """
    from nbgrader.api import Gradebook

    key, stamp = (db_url, notebook, assignment), _stamp(db_url)
    cached = _READ.get(key)
    if stamp is not None and cached is not None and cached[0] == stamp:
        return cached[1]
    with Gradebook(db_url) as gb:
        trusted = TrustedNotebook.of(gb.find_notebook(notebook, assignment))
    if stamp is not None and _stamp(db_url) == stamp:
        _READ[key] = (stamp, trusted)
    return trusted


# One slot: nbgrader grades one notebook at a time, sanitize pass then autograde pass.
_HANDED: dict[tuple, TrustedNotebook] = {}


def _key(info: dict) -> tuple:
    return info["db_url"], info["assignment"], info["notebook"], info["student"]


def hand_over(info: dict, trusted: TrustedNotebook) -> None:
    """Keep ``trusted`` for the next :func:`take_over` of the same notebook and student (``resources["nbgrader"]``)."""
    _HANDED.clear()
    _HANDED[_key(info)] = trusted


def take_over(info: dict) -> TrustedNotebook:
    """What :func:`hand_over` kept for this notebook and student (once), or a fresh read of the gradebook."""
    trusted = _HANDED.pop(_key(info), None)
    if trusted is None:
        trusted = read_trusted(info["db_url"], info["notebook"], info["assignment"])
    return trusted
