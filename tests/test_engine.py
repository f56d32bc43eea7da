"""The grading guarantees, one by one, on the mini course (no nbgrader here;
tests/test_pipeline.py runs the same engine through nbgrader's CLI)."""

import os

import pytest

from nncourse.grading.engine import GradeCell, grade_cells, seed_for
from nncourse.grading.lesson import Lesson, LessonConfigError

import build as mini_build

GOOD_RELU = "import numpy as np\n" + mini_build.solved()["relu"]
GOOD_AFFINE = mini_build.solved()["affine"]
DIRECTIVE = "### BEGIN HIDDEN TESTS\n# nncourse-grade: {}\n### END HIDDEN TESTS"
CELLS = [GradeCell("grade_relu", DIRECTIVE.format("test_relu.py"), 2.0),
         GradeCell("grade_affine", DIRECTIVE.format("test_affine.py"), 4.0)]


@pytest.fixture
def lesson(mini_course):
    return Lesson.load(os.path.join(mini_course, "autograder"), "mini")


def grade(lesson, *sources, student="s1", secret="k", cells=CELLS):
    code = [(i, s) for i, s in enumerate(sources)]
    return {r.grade_id: r for r in grade_cells(lesson, code, cells, student, secret)}


def test_correct_answers_earn_full_marks(lesson, sandboxed):
    res = grade(lesson, GOOD_RELU, GOOD_AFFINE)
    assert res["grade_relu"].score == 2.0 and res["grade_affine"].score == 4.0
    assert all(t.passed for r in res.values() for t in r.tests)
    assert isinstance(res["grade_relu"].score, float)


def test_loops_and_plots_at_top_level_do_not_run(lesson):
    noisy = GOOD_RELU + "while True:\n    pass\nprint('x')\nrelu(np.ones(3))\n%matplotlib inline\n"
    res = grade(lesson, noisy, GOOD_AFFINE)
    assert res["grade_relu"].score == 2.0


def test_partial_credit_follows_test_weights(lesson):
    # db summed over the wrong axis: 3 of the 4 equally weighted tests pass
    wrong_db = GOOD_AFFINE.replace("sum(axis=0)", "sum(axis=1)")
    res = grade(lesson, GOOD_RELU, wrong_db)
    assert res["grade_affine"].score == pytest.approx(3.0)
    failed = [t for t in res["grade_affine"].tests if not t.passed]
    assert [t.name for t in failed] == ["test_backward_db"]
    assert "db sums grad_out over the batch" in failed[0].message
    assert "expected shape" in failed[0].message
    # half-right relu (forgets to zero negatives): one of two tests
    res = grade(lesson, "def relu(z):\n    return z.copy()\n", GOOD_AFFINE)
    assert res["grade_relu"].score == pytest.approx(1.0)


def test_definitions_are_found_by_name_in_any_cell_order(lesson):
    res = grade(lesson, GOOD_AFFINE, "x = 1", GOOD_RELU)
    assert res["grade_relu"].score == 2.0 and res["grade_affine"].score == 4.0


def test_missing_definition_is_explained(lesson):
    res = grade(lesson, GOOD_AFFINE)
    assert res["grade_relu"].score == 0.0
    assert "does not define `relu`" in res["grade_relu"].tests[0].message
    assert res["grade_affine"].score == 4.0


def test_infinite_loop_costs_that_exercise_only_and_one_call_limit(lesson):
    """The loop is stopped at the call limit once; every later test of the cell is not run again (no wall-clock
    bound here: a loaded machine stretches time, the count of limits spent does not change)."""
    res = grade(lesson, "def relu(z):\n    while True:\n        pass\n", GOOD_AFFINE)
    assert res["grade_relu"].score == 0.0 and res["grade_affine"].score == 4.0
    first, *later = res["grade_relu"].tests
    assert "longer than" in first.message
    assert later and all("was not run again" in t.message for t in later)  # one limit, not one per test


def test_crash_costs_that_exercise_only(lesson):
    kill = "import os, signal\ndef relu(z):\n    os.kill(os.getpid(), signal.SIGKILL)\n"
    res = grade(lesson, kill, GOOD_AFFINE)
    assert res["grade_relu"].score == 0.0 and res["grade_affine"].score == 4.0
    assert "crashed the process" in res["grade_relu"].tests[0].message
    res = grade(lesson, "import os\ndef relu(z):\n    os._exit(1)\n", GOOD_AFFINE)
    assert "exit" in res["grade_relu"].tests[0].message and res["grade_affine"].score == 4.0


def test_memory_hog_hits_the_limit(lesson):
    hog = ("import numpy as np\ndef relu(z):\n    blocks = []\n    while True:\n"
           "        blocks.append(np.zeros(10**8))\n")
    res = grade(lesson, hog, GOOD_AFFINE)
    assert res["grade_relu"].score == 0.0 and res["grade_affine"].score == 4.0
    assert "MemoryError" in res["grade_relu"].tests[0].message or "crashed" in res["grade_relu"].tests[0].message


def test_student_exceptions_show_their_own_line_not_the_graders(lesson):
    res = grade(lesson, "def relu(z):\n    return z.undefined_attribute\n", GOOD_AFFINE)
    msg = res["grade_relu"].tests[0].message
    assert "AttributeError" in msg and "notebook cell 0, line 2" in msg
    assert "nncourse/grading" not in msg and "Traceback" not in msg


def test_forged_objects_and_patched_numpy_earn_nothing(lesson):
    gamer = '''
import numpy as np
np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, **k: np.ones(np.shape(a), bool)
np.testing.assert_allclose = lambda *a, **k: None
class AlwaysEqual:
    def __eq__(self, other): return True
    def __array__(self, *a, **k): return np.zeros(3)
def relu(z):
    return AlwaysEqual()
'''
    res = grade(lesson, gamer, GOOD_AFFINE)
    assert res["grade_relu"].score == 0.0
    assert "expected a numeric array" in res["grade_relu"].tests[0].message
    assert res["grade_affine"].score == 4.0


def test_same_submission_same_grade_and_inputs_depend_on_student(lesson):
    # a relu that is right only for some shapes: the score depends on the drawn inputs
    a = grade(lesson, GOOD_RELU, GOOD_AFFINE, student="alice")
    b = grade(lesson, GOOD_RELU, GOOD_AFFINE, student="alice")
    assert [(r.score, [t.message for t in r.tests]) for r in a.values()] == \
           [(r.score, [t.message for t in r.tests]) for r in b.values()]
    assert seed_for("k", "alice", "mini", "c", "t") == seed_for("k", "alice", "mini", "c", "t")
    assert seed_for("k", "alice", "mini", "c", "t") != seed_for("k", "bob", "mini", "c", "t")
    assert seed_for("k", "alice", "mini", "c", "t") != seed_for("other", "alice", "mini", "c", "t")


def test_hidden_inputs_are_not_the_notebook_examples(lesson):
    # hard-coding the notebook's example does not pass
    fake = "import numpy as np\ndef relu(z):\n    return np.array([0.0, 2.0])\n"
    assert grade(lesson, fake, GOOD_AFFINE)["grade_relu"].score == 0.0


def test_bad_grading_material_is_an_instructor_error(lesson):
    with pytest.raises(LessonConfigError, match="exactly one hidden suite"):
        grade(lesson, GOOD_RELU, cells=[GradeCell("grade_relu", "print(1)", 2.0)])
    with pytest.raises(LessonConfigError, match="does not exist"):
        grade(lesson, GOOD_RELU, cells=[GradeCell("grade_relu", DIRECTIVE.format("test_nope.py"), 2.0)])
    with pytest.raises(LessonConfigError, match="no grading material"):
        Lesson.load(os.path.dirname(lesson.path), "nope")


def test_syntax_errors_are_reported_and_other_cells_still_load(lesson):
    res = grade(lesson, "def broken(:\n", GOOD_RELU, GOOD_AFFINE)
    assert res["grade_relu"].score == 2.0
    assert any("syntax error" in n for n in res["grade_relu"].notes)


def test_calling_the_reference_implementation_earns_nothing(lesson):
    cheat = "from nncourse.activations import relu\n"
    cheat_affine = GOOD_AFFINE.replace("return x @ self.W + self.b",
                                       "from nncourse.layers import linear_forward\n"
                                       "        return linear_forward(x, self.W, self.b)[0]")
    res = grade(lesson, cheat, cheat_affine)
    assert res["grade_relu"].score == 0.0
    assert "not available while your work is graded" in res["grade_relu"].tests[0].message
    assert res["grade_affine"].score == 0.0  # every Affine test calls forward first
    # unprotected parts of the library stay usable
    ok = "from nncourse.activations import leaky_relu\ndef relu(z):\n    return leaky_relu(z, alpha=0.0)\n"
    assert grade(lesson, ok, GOOD_AFFINE)["grade_relu"].score == 2.0


def test_without_a_sandbox_grading_says_so(lesson, monkeypatch):
    monkeypatch.setenv("NNCOURSE_SANDBOX", "none")
    res = grade(lesson, GOOD_RELU, GOOD_AFFINE)
    assert res["grade_relu"].score == 2.0
    assert "graded without a sandbox" in res["grade_relu"].notes


def test_without_a_sandbox_tampering_stops_grading(tmp_path, monkeypatch):
    from nncourse.grading import preprocessor

    suites = tmp_path / "autograder"
    suites.mkdir()
    (suites / "test_x.py").write_text("def test_a(): pass\n")
    pp = preprocessor.GradeWithHiddenSuites(autograder_dir=str(suites))
    monkeypatch.setattr(preprocessor, "_BASELINE", {})
    pp._check_untouched()
    pp._check_untouched()  # unchanged: fine
    (suites / "test_x.py").write_text("def test_a(): assert True  # edited by a submission\n")
    with pytest.raises(preprocessor.TamperingDetected, match="changed while submissions were graded"):
        pp._check_untouched()


def test_the_heap_is_frozen_once_per_process_but_never_in_a_jupyter_server(monkeypatch):
    """What a process holds before its first grading is left out of later collections, once;
    not in a Jupyter server (the formgrader grades in it), which lives on."""
    import sys as _sys
    from types import SimpleNamespace

    from nncourse.grading import engine

    frozen: list[int] = []
    monkeypatch.setattr(engine, "_HEAP_FROZEN", [])
    monkeypatch.setattr(engine.gc, "freeze", lambda: frozen.append(1))
    server = SimpleNamespace(ServerApp=SimpleNamespace(initialized=lambda: True))
    monkeypatch.setitem(_sys.modules, "jupyter_server.serverapp", server)
    engine.freeze_heap_once()
    assert frozen == []
    monkeypatch.delitem(_sys.modules, "jupyter_server.serverapp")
    engine.freeze_heap_once()
    engine.freeze_heap_once()
    assert frozen == [1]


def test_no_suite_state_passes_from_one_notebook_to_the_next(mini_course):
    """A suite may keep state in a module global for one session (11-deep-network trains a student's
    classifier once for four tests); the next notebook graded in the same process must not see it."""
    suite = os.path.join(mini_course, "autograder", "mini", "test_relu.py")
    with open(suite, "a") as fh:
        fh.write('''

_RUN = {}


@weight(1)
def test_relu_of_a_fixed_input(student, rng):
    """relu of a fixed input, computed once per session"""
    from nncourse.grading.testing import expect

    if "out" not in _RUN:
        _RUN["out"] = student.function("relu")(np.array([-1.0, 2.0])).tolist()
    expect(_RUN["out"] == [0.0, 2.0], f"relu([-1, 2]) gave {_RUN['out']}", "negative inputs become 0")
''')
    lesson = Lesson.load(os.path.join(mini_course, "autograder"), "mini")
    right = grade(lesson, GOOD_RELU, student="s1")["grade_relu"]
    wrong = grade(lesson, "def relu(z):\n    return z\n", student="s2")["grade_relu"]
    fixed = {t.name: t.passed for t in right.tests}
    assert fixed["test_relu_of_a_fixed_input"] is True
    assert {t.name: t.passed for t in wrong.tests}["test_relu_of_a_fixed_input"] is False, \
        "the second notebook was graded with the first notebook's result"
    right_again = grade(lesson, GOOD_RELU, student="s3")["grade_relu"]
    assert {t.name: t.passed for t in right_again.tests}["test_relu_of_a_fixed_input"] is True
