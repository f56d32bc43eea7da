"""Grading at scale: one pytest session per notebook, precomputed results checked by
digest, the result store, progress, the synthetic class, and ``--jobs`` through
nbgrader's real CLI on the mini course."""

import io
import json
import os
import threading
import time

import nbformat
import pytest
from nbgrader.api import Gradebook

from nncourse.grading import batch
from nncourse.grading.batch import GradingTask, ResultStore, precomputed_results
from nncourse.grading.course import autograde, status_table
from nncourse.grading.engine import CellResult, GradeCell, TestResult, grade_cells
from nncourse.grading.lesson import Lesson
from nncourse.grading.progress import Progress
from nncourse.grading.synth import SynthError, synth_class

GOOD_RELU = "import numpy as np\ndef relu(z):\n    return np.maximum(z, 0.0)\n"
DIRECTIVE = "### BEGIN HIDDEN TESTS\n# nncourse-grade: {}\n### END HIDDEN TESTS"
CELLS = [GradeCell("grade_relu", DIRECTIVE.format("test_relu.py"), 2.0)]


def test_two_cells_naming_one_suite_are_both_graded_each_with_its_own_seed(mini_course):
    lesson = Lesson.load(os.path.join(mini_course, "autograder"), "mini")
    cells = [GradeCell("grade_relu", DIRECTIVE.format("test_relu.py"), 2.0),
             GradeCell("grade_relu_again", DIRECTIVE.format("test_relu.py"), 3.0)]
    res = grade_cells(lesson, [(0, GOOD_RELU)], cells, "s1", "k")
    assert [(r.grade_id, r.score) for r in res] == [("grade_relu", 2.0), ("grade_relu_again", 3.0)]
    half = grade_cells(lesson, [(0, "def relu(z):\n    return z.copy()\n")], cells, "s1", "k")
    assert [r.score for r in half] == [1.0, 1.5]


def test_a_notebook_that_cannot_load_fails_every_cell_with_the_reason(mini_course):
    lesson = Lesson.load(os.path.join(mini_course, "autograder"), "mini")
    cells = CELLS + [GradeCell("grade_affine", DIRECTIVE.format("test_affine.py"), 4.0)]
    res = grade_cells(lesson, [(0, "import os\nx = os._exit(3)\n")], cells, "s1", "k")
    assert [r.score for r in res] == [0.0, 0.0]
    for r in res:
        assert [t.name for t in r.tests] == ["load"]
        assert "crashed" in r.tests[0].message


def test_cell_results_survive_plain_data():
    res = CellResult("g", 3.0, [TestResult("t1", "first", 2.0, True), TestResult("t2", "second", 1.0, False, "no")],
                     ["note"], 1.5)
    back = CellResult.from_dict(json.loads(json.dumps(res.to_dict())))
    assert back == res and back.score == 2.0 and back.feedback() == res.feedback()
    with pytest.raises(ValueError, match="malformed cell result"):
        CellResult.from_dict({"grade_id": "g", "points": 1.0})


def _task(mini_course, code=GOOD_RELU, student="s1", secret="k"):
    ag = os.path.join(mini_course, "autograder")
    return GradingTask(student=student, lesson="mini", notebook="mini", cells=[(c.grade_id, c.source, c.points)
                                                                               for c in CELLS],
                       code_cells=[(0, code)], secret=secret, material=batch.material_digest(ag, "mini")), ag


def test_precomputed_results_are_used_only_for_exactly_their_inputs(mini_course, tmp_path, monkeypatch):
    task, ag = _task(mini_course)
    record = batch.run_task(task, ag)
    assert record["results"][0]["grade_id"] == "grade_relu"
    # a record whose digest matches is used as it is (here: a forged 0 the writer must not recompute)
    record["results"][0]["tests"] = [{"name": "t", "doc": "forged", "weight": 1.0, "passed": False}]
    store = ResultStore(str(tmp_path / "results"))
    store.put(record)
    args = (ag, "mini", "mini", [(0, GOOD_RELU)], CELLS, "s1", "k")
    assert precomputed_results(*args) is None            # no run announced: nothing is read
    monkeypatch.setenv(batch.PRECOMPUTED_ENV, store.folder)
    got = precomputed_results(*args)
    assert [r.score for r in got] == [0.0] and got[0].tests[0].doc == "forged"
    # any other input: other code, student, secret, points, cells -> not used
    assert precomputed_results(ag, "mini", "mini", [(0, GOOD_RELU + "\n")], CELLS, "s1", "k") is None
    assert precomputed_results(ag, "mini", "mini", [(0, GOOD_RELU)], CELLS, "s1", "other") is None
    assert precomputed_results(ag, "mini", "mini", [(0, GOOD_RELU)], [GradeCell("grade_relu", CELLS[0].source, 5.0)],
                               "s1", "k") is None
    assert precomputed_results(ag, "mini", "mini", [(0, GOOD_RELU)], CELLS, "s2", "k") is None


def test_precomputed_results_are_stale_when_the_suites_change(mini_course, tmp_path, monkeypatch):
    task, ag = _task(mini_course)
    store = ResultStore(str(tmp_path / "results"))
    store.put(batch.run_task(task, ag))
    monkeypatch.setenv(batch.PRECOMPUTED_ENV, store.folder)
    args = (ag, "mini", "mini", [(0, GOOD_RELU)], CELLS, "s1", "k")
    assert precomputed_results(*args) is not None
    with open(os.path.join(ag, "mini", "test_relu.py"), "a") as fh:
        fh.write("\n# edited\n")
    monkeypatch.setattr(batch, "_MATERIAL", {})
    assert precomputed_results(*args) is None


def test_result_store_waits_only_for_what_a_live_run_announced(tmp_path):
    store = ResultStore(str(tmp_path / "r"))
    with pytest.raises(ValueError, match="not a student"):
        store.put({"student": "../x", "notebook": "n"})
    store.expect(["a/n"])
    start = time.monotonic()
    assert store.get("b", "n", wait=5) is None          # not announced: no wait
    assert time.monotonic() - start < 2
    threading.Timer(0.3, store.put, args=({"student": "a", "notebook": "n", "x": 1},)).start()
    assert store.get("a", "n", wait=30) == {"student": "a", "notebook": "n", "x": 1}
    store.expect(["c/n"])
    store.close()
    start = time.monotonic()
    assert store.get("c", "n", wait=5) is None          # the run ended without it
    assert time.monotonic() - start < 2


def test_progress_line_counts_rate_and_eta():
    now = [0.0]
    out = io.StringIO()
    bar = Progress("autograde x", 10, stream=out, every=0.0, clock=lambda: now[0])
    for k in range(3):
        now[0] += 2.0
        bar.update(failed=(k == 1))
    assert bar.line() == "[autograde x] 3/10 students, 1 failed, 30.0 submissions/min, ETA 14s"
    assert out.getvalue().count("\n") == 3


def _mini_release(tmp_path):
    import build as mini_build

    return mini_build.released(str(tmp_path))


@pytest.mark.slow
def test_synthetic_class_is_reproducible_and_mixed(tmp_path):
    repo, course = _mini_release(tmp_path)
    a = synth_class(repo, "mini", str(tmp_path / "a"), 30, seed=3)
    b = synth_class(repo, "mini", str(tmp_path / "b"), 30, seed=3)
    assert a == b and len(a) == 30
    kinds = {i["kind"] for i in a.values()}
    assert {"full", "partial", "untouched", "broken"} <= kinds and "mistake" not in kinds  # mini has no catalogue
    for student, info in a.items():
        path = tmp_path / "a" / "submitted" / student / "mini" / "mini.ipynb"
        text = path.read_text()
        if info.get("broken") == "not JSON":
            with pytest.raises(Exception):
                nbformat.reads(text, as_version=4)
            continue
        nb = nbformat.reads(text, as_version=4)
        relu = next(c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "relu")
        if info["kind"] == "full":
            assert "np.maximum" in relu and "BEGIN SOLUTION" not in relu
        if info["kind"] == "untouched":
            assert "np.maximum" not in relu
    with pytest.raises(SynthError, match="make release"):
        synth_class(repo, "nope", str(tmp_path / "c"), 3)


@pytest.mark.slow
def test_synthetic_class_splices_catalogued_mistakes(repo_root, tmp_path):
    roster = synth_class(repo_root, "04-backprop", str(tmp_path), 40, seed=0)
    mistakes = [i for i in roster.values() if i["kind"] == "mistake"]
    assert mistakes
    student = next(s for s, i in roster.items() if i["kind"] == "mistake")
    rel = roster[student]["mistakes"][0]
    with open(os.path.join(repo_root, "autograder", "04-backprop", rel)) as fh:
        wrong = fh.read()
    nb = nbformat.read(str(tmp_path / "submitted" / student / "04-backprop" / "04-backprop.ipynb"), as_version=4)
    assert any(c.source == wrong for c in nb.cells)


@pytest.mark.slow
def test_jobs_give_the_serial_grades(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NNCOURSE_SECRET", "scale-test")
    repo, course = _mini_release(tmp_path / "par")
    roster = synth_class(repo, "mini", course.workspace, 6, seed=5)
    _, serial = _mini_release(tmp_path / "ser")
    import shutil

    shutil.copytree(os.path.join(course.workspace, "submitted"), os.path.join(serial.workspace, "submitted"))
    messages = []
    rows = autograde(course, "mini", log=messages.append, jobs=2)
    readable = len([i for i in roster.values() if i.get("broken") != "not JSON"])
    assert f"[autograde mini] {readable}/{readable} students, 0 failed" in capsys.readouterr().err
    assert f"graded ahead: {readable} of {readable} notebooks (0 could not be graded there)" in " ".join(messages)
    want = autograde(serial, "mini", log=lambda *a: None)
    assert {r.student: (r.score, r.status) for r in rows} == {r.student: (r.score, r.status) for r in want}
    assert any(r.status == "graded" and r.score > 0 for r in rows)

    def cells(c):
        with Gradebook(c.db_url) as gb:
            return {s.student.id: {g.name: g.auto_score for nb in s.notebooks for g in nb.grades}
                    for s in gb.assignment_submissions("mini")}
    assert cells(course) == cells(serial)

    def feedback(c):
        out = {}
        for student in os.listdir(os.path.join(c.workspace, "autograded")):
            nb = nbformat.read(os.path.join(c.workspace, "autograded", student, "mini", "mini.ipynb"), as_version=4)
            out[student] = [o.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                            for o in cell.get("outputs", []) if o.get("name") == "stdout"]
        return out
    # the very same feedback (which quotes the hidden inputs drawn for each student)
    assert feedback(course) == feedback(serial) and any(feedback(course).values())
    assert not os.listdir(os.path.join(course.workspace, ".nncourse", "results"))  # results removed
    assert status_table(course, "mini") == rows
