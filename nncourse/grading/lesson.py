"""A lesson's grading material in ``autograder/<lesson>/``.

``lesson.toml`` says which notebook is graded and which names of the
reference library would answer its exercises (hidden from the student's code
while grading)::

    notebook = "04-backprop.ipynb"
    protect = ["nncourse.layers:Linear", "nncourse.activations:sigmoid_prime"]

    [limits]            # optional, see nncourse.grading.limits.Limits
    call_seconds = 10

Each autograded cell names its suite in its hidden block, in the source
notebook (and so in nbgrader's gradebook)::

    ### BEGIN HIDDEN TESTS
    # nncourse-grade: test_linear.py
    ### END HIDDEN TESTS
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass, field

from .limits import Limits

DIRECTIVE = re.compile(r"^\s*#\s*nncourse-grade:\s*(?P<suite>[\w.\-]+\.py)\s*$", re.MULTILINE)


class LessonConfigError(RuntimeError):
    """The instructor's grading material is incomplete or malformed."""


@dataclass
class Lesson:
    name: str
    path: str
    notebook: str
    protect: list[str] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)

    @classmethod
    def load(cls, autograder_dir: str, name: str) -> "Lesson":
        path = os.path.join(autograder_dir, name)
        manifest = os.path.join(path, "lesson.toml")
        if not os.path.isfile(manifest):
            raise LessonConfigError(
                f"no grading material for lesson {name!r}: {manifest} does not exist. "
                "Create it with `notebook = \"<name>.ipynb\"` and `protect = [...]`.")
        try:
            with open(manifest, "rb") as fh:
                data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise LessonConfigError(f"{manifest}: {exc}") from None
        unknown = set(data) - {"notebook", "protect", "limits"}
        if unknown:
            raise LessonConfigError(f"{manifest}: unknown keys {sorted(unknown)}")
        limits = Limits()
        if "limits" in data:
            names = {f.name for f in dataclasses.fields(Limits)}
            bad = set(data["limits"]) - names
            if bad:
                raise LessonConfigError(f"{manifest}: unknown limits {sorted(bad)}; known: {sorted(names)}")
            limits = dataclasses.replace(limits, **data["limits"])
        return cls(name=name, path=path, notebook=str(data.get("notebook", f"{name}.ipynb")),
                   protect=[str(p) for p in data.get("protect", [])], limits=limits)

    def suite_for(self, grade_id: str, trusted_source: str) -> str:
        """The hidden suite named by a grade cell's trusted source."""
        found = DIRECTIVE.findall(trusted_source)
        if len(found) != 1:
            raise LessonConfigError(
                f"grade cell {grade_id!r} of lesson {self.name!r} must name exactly one hidden suite "
                "with a line `# nncourse-grade: test_<name>.py` in its hidden block; "
                f"found {len(found)}.")
        suite = os.path.join(self.path, found[0])
        if not os.path.isfile(suite):
            raise LessonConfigError(f"grade cell {grade_id!r} names {found[0]}, but {suite} does not exist.")
        return suite
