"""Sanitize step: nbgrader metadata in a submission is the student's to forge.

Runs in ``Autograde.sanitize_preprocessors`` right after nbgrader's
``DeduplicateIds`` and before ``OverwriteCells``.  Every cell keeps its
nbgrader metadata only if its ``grade_id`` belongs to this notebook in the
gradebook and appears for the first time; the flags and points of a kept
cell come from the gradebook.  All other nbgrader metadata is dropped, so an
added "grade cell", a duplicated one, or one whose id was blanked cannot earn
points or crash nbgrader (``OverwriteCells.add_missing_cells`` fails on a grade
cell without ``grade_id``).  Deleted grade cells are put back by
``OverwriteCells`` and then graded like any other.  What it read of the
gradebook is handed over to the grading preprocessor (:mod:`.gradebook`).
"""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor

from .gradebook import hand_over, read_trusted


class TrustGradebookCells(NbGraderPreprocessor):
    """Keep only nbgrader metadata the gradebook vouches for (see module docs)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        trusted = read_trusted(info["db_url"], info["notebook"], info["assignment"])
        hand_over(info, trusted)
        graded = {name: points for name, (_, points) in trusted.grades.items()}
        solutions, known = trusted.solutions, trusted.known
        seen: set[str] = set()
        dropped = 0
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader")
            if meta is None:
                continue
            gid = meta.get("grade_id") if isinstance(meta, dict) else None
            if not isinstance(gid, str) or gid not in known or gid in seen:
                del cell.metadata["nbgrader"]
                dropped += 1
                continue
            seen.add(gid)
            meta["grade"] = gid in graded
            meta["solution"] = gid in solutions
            if gid in graded:
                meta["points"] = graded[gid]
            else:
                meta.pop("points", None)
        if dropped:
            self.log.warning("%s: ignored nbgrader metadata on %d cell(s) the gradebook does not know "
                             "(added, duplicated or edited cells)", info["student"], dropped)
        return nb, resources
