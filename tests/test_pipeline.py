"""The whole instructor pipeline with nbgrader's real CLI and sqlite gradebook.

generate_assignment → submissions → `nbgrader autograde` (our preprocessor in
its chain) → generate_feedback → export, on the mini course.
"""

import copy
import csv
import os
import signal
import subprocess
import sys
import time

import nbformat
import pytest
from nbgrader.api import Gradebook

from nncourse.grading.course import autograde, export_csv, status_table
from nncourse.grading.samples import with_answers

import build as mini_build

pytestmark = pytest.mark.slow

GOOD = mini_build.solved()


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    repo, c = mini_build.released(str(tmp_path_factory.mktemp("pipeline")))
    ws = c.workspace
    release = nbformat.read(os.path.join(repo, "lessons", "mini", "mini.ipynb"), as_version=4)

    def submit(student, nb_or_text):
        d = os.path.join(ws, "submitted", student, "mini")
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, "mini.ipynb")
        if isinstance(nb_or_text, str):
            with open(path, "w") as fh:
                fh.write(nb_or_text)
        else:
            nbformat.write(nb_or_text, path)

    submit("full", with_answers(release, GOOD, strip=False))
    submit("untouched", release)
    # partly right: db summed over the wrong axis (3 of 4 affine tests)
    partial = {"relu": GOOD["relu"], "affine": GOOD["affine"].replace("sum(axis=0)", "sum(axis=1)")}
    submit("partial", with_answers(release, partial, strip=False))
    # tampering with everything in the file: points, flags, tags, kernelspec, added,
    # deleted and duplicated cells, forged outputs
    tamper = with_answers(release, partial, strip=False)
    tamper.metadata["kernelspec"] = {"name": "evil", "display_name": "evil", "language": "python"}
    cells = []
    for cell in tamper.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") == "grade_relu":
            continue  # deleted: nbgrader puts it back, we still grade it
        if meta.get("grade_id") == "grade_affine":
            meta["points"] = 100
            cell.source = "print(4.0)"
            cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "100.0"},
                                                   execution_count=1)]
            cell.metadata["tags"] = ["raises-exception"]
            cells.append(copy.deepcopy(cell))  # duplicated
        cells.append(cell)
    fake = nbformat.v4.new_code_cell("50.0", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "points": 50, "grade_id": "bonus",
        "schema_version": 3}})
    fake.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "50.0"}, execution_count=1)]
    tamper.cells = [fake] + cells
    submit("tamper", tamper)
    submit("malformed", "{ this is not a notebook")

    t0 = time.monotonic()
    rows = autograde(c, "mini", log=lambda *a: None)
    c.autograde_seconds = time.monotonic() - t0
    c.rows = {r.student: r for r in rows}
    return c


def test_each_submission_gets_the_score_its_design_predicts(course):
    got = {s: (r.score, r.status) for s, r in course.rows.items()}
    assert got == {"full": (6.0, "graded"), "untouched": (0.0, "graded"), "partial": (5.0, "graded"),
                   "tamper": (5.0, "graded"), "malformed": (None, "failed to grade")}


def test_per_cell_scores_in_the_gradebook(course):
    with Gradebook(course.db_url) as gb:
        sub = gb.find_submission("mini", "partial")
        scores = {g.name: g.auto_score for nb in sub.notebooks for g in nb.grades}
        assert scores == {"grade_relu": 2.0, "grade_affine": 3.0}
        tam = gb.find_submission("mini", "tamper")
        assert {g.name: (g.auto_score, g.max_score) for nb in tam.notebooks for g in nb.grades} == \
            {"grade_relu": (2.0, 2.0), "grade_affine": (3.0, 4.0)}


def test_feedback_explains_and_hides_the_hidden_block(course):
    course.nbgrader("generate_feedback", "mini", "--force")
    html = open(os.path.join(course.workspace, "feedback", "partial", "mini", "mini.html")).read()
    assert "Autograded: 3 / 4 points" in html
    assert "db sums grad_out over the batch" in html
    assert "nncourse-grade" not in html and "BEGIN HIDDEN TESTS" not in html
    assert "Traceback (most recent call last)" not in html and "nncourse/grading" not in html


def test_export_never_turns_a_failure_into_a_score(course, tmp_path):
    path = export_csv(list(course.rows.values()), str(tmp_path / "grades.csv"))
    rows = {r["student_id"]: r for r in csv.DictReader(open(path))}
    assert rows["malformed"]["score"] == "" and rows["malformed"]["status"] == "failed to grade"
    assert rows["full"]["score"] == "6" and rows["full"]["status"] == "graded"
    course.nbgrader("export", "--to", str(tmp_path / "nbgrader.csv"))  # nbgrader's own export still works


def test_regrading_gives_the_same_grades_without_duplicates(course):
    course.nbgrader("autograde", "mini", "--force", check=False)
    again = {r.student: (r.score, r.status) for r in status_table(course, "mini")}
    assert again == {s: (r.score, r.status) for s, r in course.rows.items()}
    with Gradebook(course.db_url) as gb:
        assert len(gb.assignment_submissions("mini")) == 5


def test_interrupted_run_is_completed_by_a_rerun(tmp_path):
    repo, c = mini_build.released(str(tmp_path))
    ws = c.workspace
    release = nbformat.read(os.path.join(repo, "lessons", "mini", "mini.ipynb"), as_version=4)
    students = [f"s{i}" for i in range(4)]
    for s in students:
        d = os.path.join(ws, "submitted", s, "mini")
        os.makedirs(d)
        nbformat.write(with_answers(release, GOOD, strip=False), os.path.join(d, "mini.ipynb"))
    exe = os.path.join(os.path.dirname(sys.executable), "nbgrader")
    proc = subprocess.Popen([exe, "autograde", "mini"], cwd=str(tmp_path), env=c.env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while not os.path.exists(os.path.join(ws, "autograded", "s0")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = {r.student: r.status for r in status_table(c, "mini")}
    assert "failed to grade" in before.values()  # the kill left work undone
    rows = autograde(c, "mini", log=lambda *a: None)
    assert {r.student: (r.score, r.status) for r in rows} == {s: (6.0, "graded") for s in students}
    with Gradebook(c.db_url) as gb:
        assert len(gb.assignment_submissions("mini")) == 4
        for s in students:
            assert len([g for nb in gb.find_submission("mini", s).notebooks for g in nb.grades]) == 2
