"""Build the sample submissions of lesson 08-overfitting from the released notebook.

    .venv/bin/python autograder/08-overfitting/samples/build_samples.py

Each sample is the release ``lessons/08-overfitting/08-overfitting.ipynb`` as a
student would save it (all nbgrader metadata kept), with the sources of its
solution cells replaced, looked up by ``grade_id``.  Correct answers are taken
from the source notebook in ``solutions/`` (with the solution markers
removed), so the samples follow the lesson when it changes.  Re-run this
script after ``nbgrader generate_assignment`` and check ``expected.json``.

Samples (predicted scores are in ``expected.json``):

``full``           every exercise solved
``untouched``      the release as it is
"""

from __future__ import annotations

import copy
import os
import re

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
LESSON = "08-overfitting"
NOTEBOOK = "08-overfitting.ipynb"
RELEASE = os.path.join(REPO, "lessons", LESSON, NOTEBOOK)
SOURCE = os.path.join(REPO, "solutions", LESSON, NOTEBOOK)


def solution_sources() -> dict[str, str]:
    """The source notebook's solution cells by grade_id, markers removed."""
    nb = nbformat.read(SOURCE, as_version=4)
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            out[meta["grade_id"]] = re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n", "", cell.source, flags=re.M)
    return out


def with_answers(release, answers: dict[str, str]):
    """A copy of the release whose solution cells named in ``answers`` get those sources."""
    nb = copy.deepcopy(release)
    found = set()
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid].strip("\n")
            found.add(gid)
    missing = set(answers) - found
    if missing:
        raise SystemExit(f"build_samples: the release has no solution cells {sorted(missing)}")
    return nb


def build() -> dict[str, str]:
    release = nbformat.read(RELEASE, as_version=4)
    sol = solution_sources()
    samples = {
        "full": with_answers(release, sol),
        "untouched": copy.deepcopy(release),
    }
    written = {}
    for student, nb in samples.items():
        folder = os.path.join(HERE, student)
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, NOTEBOOK)
        nbformat.validate(nb)
        nbformat.write(nb, path)
        written[student] = path
    return written


if __name__ == "__main__":
    for student, path in build().items():
        print(f"{student:>14}: {os.path.relpath(path, REPO)}")
