"""Every catalogued mistake loses points, with feedback, for every student id.

Every mistake of ``autograder/<lesson>/mistakes/`` is graded by the real engine
(one sandboxed worker per mistake, its suite run once per student id) under
:data:`STUDENTS` (`make test`: the first three ids, `make test-full`: all five);
the test fails if a mistake earns full marks for any id (for one id and not
another, that is a boundary left to the random draw), or if a lost point is not
explained.  (Valid alternatives: ``tests/test_catalogue.py``.)
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


# lessons whose suites draw every boundary for every student: `make test` grades their mistakes under
# the first three ids, `make test-full` under the other two as well.  In the others a verdict may depend
# on the id (11's build_and_train meets an accuracy threshold or not by its seed): `make test` grades
# their mistakes under one id, `make test-full` under all of STUDENTS
EVERY_ID = ("01-perceptron", "02-xor", "03-activations", "04-backprop", "05-gradcheck", "06-sgd",
            "07-optimizers", "08-overfitting", "09-autodiff", "10-regression")
IN_MAKE_TEST = 3


def _exercises():
    out = []
    for folder in sorted(glob.glob(os.path.join(ROOT, "autograder", "*", "mistakes", "*"))):
        parts = folder.split(os.sep)
        lesson, exercise = parts[-3], parts[-1]
        if lesson in EVERY_ID:
            out.append(pytest.param(lesson, exercise, STUDENTS[:IN_MAKE_TEST], id=f"{lesson}/{exercise}"))
            out.append(pytest.param(lesson, exercise, STUDENTS[IN_MAKE_TEST:], id=f"{lesson}/{exercise}/more-ids",
                                    marks=pytest.mark.full))
        else:
            out.append(pytest.param(lesson, exercise, STUDENTS[:1], id=f"{lesson}/{exercise}/one-id"))
            out.append(pytest.param(lesson, exercise, STUDENTS, id=f"{lesson}/{exercise}", marks=pytest.mark.full))
    return out


def _unexplained(result) -> list[str]:
    """The lost tests of ``result`` whose feedback is empty or a raw traceback."""
    return [t.name for t in result.tests if not t.passed and (
        not (t.message or "").strip() or "Traceback (most recent call last)" in t.message)]


def verdicts(lesson: str, exercise: str, path: str, students=STUDENTS) -> tuple[dict[str, float], list[str]]:
    """The score lost by the mistake in ``path`` for each student id, and its unexplained lost tests."""
    cells, cfg, suite, points = notebook_cells(ROOT, lesson, exercise)
    with open(path, encoding="utf-8") as fh:
        code = cells + [(10_000, fh.read())]
    scores, unexplained = {}, []
    with Submission(code, nncourse_copy(cfg.protect), cfg.limits,
                    budget_seconds=cfg.limits.cell_seconds * len(students)) as sub:
        for student in students:
            res = run_suite(suite, sub, exercise, points, (SECRET, student, cfg.name))
            scores[student] = res.score - res.points
            unexplained += [f"{student}: {name}" for name in _unexplained(res)]
    return scores, unexplained


@pytest.mark.slow
@pytest.mark.parametrize("lesson,exercise,students", _exercises())
def test_every_mistake_is_caught_for_every_student(lesson, exercise, students):
    problems = []
    for path in sorted(glob.glob(os.path.join(ROOT, "autograder", lesson, "mistakes", exercise, "*.py"))):
        lost, unexplained = verdicts(lesson, exercise, path, students)
        caught = {s for s, d in lost.items() if d < 0}
        name = os.path.basename(path)
        if caught and caught != set(students):
            problems.append(f"{name}: caught for {sorted(caught)}, missed for {sorted(set(students) - caught)}")
        elif not caught:
            problems.append(f"{name}: earned full marks for every student: the hidden suite misses this mistake")
        if unexplained:
            problems.append(f"{name}: lost points without an explanation (empty or a traceback): {unexplained}")
    assert not problems, f"{lesson}/{exercise}:\n" + "\n".join(problems)
