"""A catalogued mistake is caught for every student or for none: verdicts do not depend on the student id.

Every mistake of ``autograder/<lesson>/mistakes/`` is graded by the real engine
(one sandboxed worker per mistake, its suite run once per student id) under
:data:`STUDENTS`; the test fails if a mistake loses points for one id and earns
full marks for another — a boundary left to the random draw.
"""

import glob
import os

import pytest

from nncourse.grading.engine import nncourse_copy, run_suite
from nncourse.grading.mutate import notebook_cells
from nncourse.grading.remote import Submission

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STUDENTS = ("try", "ada", "grace", "alan", "emmy")
SECRET = "nncourse-verdicts"


# lessons whose suites draw every boundary for every student; the others run under `make test-full`
# (their suites still leave some boundaries to the draw: a verdict there may depend on the id)
EVERY_ID = ("01-perceptron", "02-xor", "03-activations", "04-backprop", "05-gradcheck", "06-sgd",
            "07-optimizers", "08-overfitting", "09-autodiff", "10-regression")


def _exercises():
    out = []
    for folder in sorted(glob.glob(os.path.join(ROOT, "autograder", "*", "mistakes", "*"))):
        parts = folder.split(os.sep)
        lesson, exercise = parts[-3], parts[-1]
        question = os.path.isfile(os.path.join(ROOT, "autograder", lesson, f"test_q_{exercise}.py"))
        marks = () if lesson in EVERY_ID and not question else (pytest.mark.full,)
        out.append(pytest.param(lesson, exercise, id=f"{lesson}/{exercise}", marks=marks))
    return out


def verdicts(lesson: str, exercise: str, path: str) -> dict[str, float]:
    """The score of the mistake in ``path`` for each student id."""
    cells, cfg, suite, points = notebook_cells(ROOT, lesson, exercise)
    with open(path, encoding="utf-8") as fh:
        code = cells + [(10_000, fh.read())]
    scores = {}
    with Submission(code, nncourse_copy(cfg.protect), cfg.limits,
                    budget_seconds=cfg.limits.cell_seconds * len(STUDENTS)) as sub:
        for student in STUDENTS:
            res = run_suite(suite, sub, exercise, points, (SECRET, student, cfg.name))
            scores[student] = res.score - res.points
    return scores


@pytest.mark.slow
@pytest.mark.parametrize("lesson,exercise", _exercises())
def test_every_mistake_is_caught_for_every_student(lesson, exercise):
    unstable = []
    for path in sorted(glob.glob(os.path.join(ROOT, "autograder", lesson, "mistakes", exercise, "*.py"))):
        lost = verdicts(lesson, exercise, path)
        caught = {s for s, d in lost.items() if d < 0}
        if caught and caught != set(STUDENTS):
            missed = sorted(set(STUDENTS) - caught)
            unstable.append(f"{os.path.basename(path)}: caught for {sorted(caught)}, missed for {missed}")
        elif not caught:
            unstable.append(f"{os.path.basename(path)}: missed for every student")
    assert not unstable, "verdicts depend on the student id:\n" + "\n".join(unstable)
