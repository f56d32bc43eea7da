"""Every valid alternative earns full marks.

The catalogue is data: ``autograder/<lesson>/mistakes/<exercise>/<name>.py``
and ``autograder/<lesson>/alternatives/<exercise>/<name>.py``.  Alternatives are
graded here through the real engine with ``nncourse try``'s code path; the
mistakes, each under five student ids, in ``tests/test_verdicts.py``.
"""

import glob
import os

import pytest

from nncourse.cli import try_answer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _entries(kind):
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "autograder", "*", kind, "*", "*.py"))):
        parts = path.split(os.sep)
        lesson, exercise, name = parts[-4], parts[-2], parts[-1][:-3]
        out.append(pytest.param(lesson, exercise, path, id=f"{lesson}/{exercise}/{name}"))
    return out


@pytest.mark.parametrize("lesson,exercise,path", _entries("alternatives"))
def test_alternative_earns_full_marks(lesson, exercise, path):
    res = try_answer(ROOT, lesson, exercise, path)
    assert res["score"] == res["max_score"], res["feedback"]


def test_suites_with_the_same_file_name_in_two_lessons_do_not_mix():
    """03-activations and 04-backprop both have test_sigmoid.py; one process grades both."""
    a = sorted(glob.glob(os.path.join(ROOT, "autograder", "03-activations", "alternatives", "sigmoid", "*.py")))[0]
    b = sorted(glob.glob(os.path.join(ROOT, "autograder", "04-backprop", "alternatives", "sigmoid", "*.py")))[0]
    for _ in range(2):
        ra = try_answer(ROOT, "03-activations", "sigmoid", a)
        rb = try_answer(ROOT, "04-backprop", "sigmoid", b)
        assert ra["score"] == ra["max_score"], ra["feedback"]
        assert rb["score"] == rb["max_score"], rb["feedback"]
