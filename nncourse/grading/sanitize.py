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

Two more of the step are nbgrader's own, made cheaper with the same results:
:class:`OverwriteCells` reads the gradebook's record once per run
(:mod:`.snapshot`), and :class:`CheckCellMetadata` compiles nbgrader's metadata
schema once.
"""

from __future__ import annotations

import traceback

import nbgrader.preprocessors
from jsonschema import exceptions as jsonschema_errors
from jsonschema import validators as jsonschema_validators
from nbgrader.nbgraderformat import MetadataValidator, SchemaTooNewError, SchemaTooOldError, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import NbGraderPreprocessor

from .gradebook import hand_over, read_trusted
from .snapshot import of_run


class TrustGradebookCells(NbGraderPreprocessor):
    """Keep only nbgrader metadata the gradebook vouches for (see module docs)."""

    #: where each notebook's record is read from (a :class:`~.snapshot.GradebookSnapshot`, set
    #: by a :class:`~.parallel.Plan`); None: the run's (:func:`~.snapshot.of_run`), or else the gradebook
    snapshot = None

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        snapshot = self.snapshot or of_run(self, info["db_url"], info["assignment"])
        trusted = snapshot.trusted(info["notebook"]) if snapshot is not None else \
            read_trusted(info["db_url"], info["notebook"], info["assignment"])
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


class OverwriteCells(nbgrader.preprocessors.OverwriteCells):
    """nbgrader's ``OverwriteCells``, reading the gradebook's record of the assignment once per run
    (:mod:`.snapshot`) instead of opening the gradebook for every notebook; on its own (no run,
    no snapshot given) it is nbgrader's, unchanged."""

    #: set by a :class:`~.parallel.Plan`; None: the run's, or else the gradebook
    snapshot = None

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        snapshot = self.snapshot or of_run(self, info["db_url"], info["assignment"])
        if snapshot is None:
            return super().preprocess(nb, resources)
        # nbgrader's preprocess, but for the Gradebook it opens
        self.notebook_id, self.assignment_id, self.db_url = info["notebook"], info["assignment"], info["db_url"]
        self.gradebook = snapshot
        nb, resources = super(nbgrader.preprocessors.OverwriteCells, self).preprocess(nb, resources)
        if self.add_missing_cells:
            nb, resources = self.add_missing_grade_cells(nb, resources)
            nb, resources = self.add_missing_task_cells(nb, resources)
        return nb, resources


# -- nbgrader's metadata check, with its schema compiled once -------------------

_COMPILED: dict[int, object] = {}


class _SchemaCompiledOnce(BaseMetadataValidator):
    """nbgrader's per-cell schema check (``BaseMetadataValidator.validate_cell``) with the schema
    compiled once per process: ``jsonschema.validate``, which nbgrader calls for every cell, first
    validates the schema itself against its meta-schema, which took most of the check's time."""

    def validate_cell(self, cell) -> None:
        if "nbgrader" not in cell.metadata:
            return
        version = cell.metadata["nbgrader"].get("schema_version", 0)
        if version < self.schema_version:
            raise SchemaTooOldError(f"Outdated schema version: {version} (expected {self.schema_version})",
                                    version, self.schema_version)
        if version > self.schema_version:
            raise SchemaTooNewError(f"Schema version is too new: {version} (expected {self.schema_version})",
                                    version, self.schema_version)
        validator = _COMPILED.get(self.schema_version)
        if validator is None:
            cls = jsonschema_validators.validator_for(self.schema)
            cls.check_schema(self.schema)
            validator = _COMPILED[self.schema_version] = cls(self.schema)
        error = jsonschema_errors.best_match(validator.iter_errors(cell.metadata["nbgrader"]))
        if error is not None:
            raise error


class _MetadataValidator(MetadataValidator, _SchemaCompiledOnce):
    """nbgrader's current metadata validator; its own checks call the compiled schema check
    above where they call nbgrader's (the next class in this order)."""


class CheckCellMetadata(nbgrader.preprocessors.CheckCellMetadata):
    """nbgrader's ``CheckCellMetadata``, with the same verdicts and messages, faster: its schema is
    compiled once (:class:`_SchemaCompiledOnce`) and its validator made once per preprocessor.
    nbgrader runs it twice per graded notebook; it was the writer's costliest preprocessor."""

    _validator = None

    def preprocess(self, nb, resources):
        if self._validator is None:
            self._validator = _MetadataValidator()
        try:
            self._validator.validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg)  # noqa: B904 - as nbgrader raises it
        return nb, resources
