"""The course's lessons: in sync, runnable, and graded as their samples predict."""

import glob
import json
import os
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from nncourse.grading.config import write_config
from nncourse.grading.course import Course, autograde, check_release

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSONS = sorted(os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "solutions", "*")) if os.path.isdir(p))
GRADED = [l for l in LESSONS if os.path.isdir(os.path.join(ROOT, "autograder", l, "samples"))]

# samples whose grading waits out a long time limit, graded by `make test-full` only: the guarantee
# each shows is shown in `make test` by another lesson's sample
FULL_ONLY = {
    ("11-deep-network", "infinite_loop"): "waits out 11's 60 s call limit; 04's, 09's and 10's "
                                          "infinite_loop samples show the same guarantee within 30 s",
}


def _sample_runs():
    runs = []
    for lesson in GRADED:
        later = sorted(s for (l, s) in FULL_ONLY if l == lesson)
        runs.append(pytest.param(lesson, None, id=lesson))
        runs += [pytest.param(lesson, s, id=f"{lesson}/{s}", marks=pytest.mark.full) for s in later]
    return runs


def test_there_is_at_least_one_lesson():
    assert LESSONS, "solutions/ has no lesson"


@pytest.mark.slow
def test_lessons_are_what_generate_assignment_makes_from_solutions():
    problems = check_release(ROOT)
    assert problems == [], "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_release_runs_and_fails_only_with_not_implemented(lesson, tmp_path):
    """Released notebooks run top to bottom; only unfinished exercises raise."""
    (path,) = glob.glob(os.path.join(ROOT, "lessons", lesson, "*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, allow_errors=True, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [(i, o.ename) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert errors, "the release should fail somewhere: its exercises are stubs"
    assert {e for _, e in errors} == {"NotImplementedError"}, errors


@pytest.mark.slow
@pytest.mark.parametrize("lesson,only", _sample_runs())
def test_sample_submissions_earn_their_predicted_scores(lesson, only, tmp_path):
    """Every sample of ``lesson`` (those of FULL_ONLY on their own, under ``make test-full``)."""
    ws = str(tmp_path / "ws")
    write_config(str(tmp_path), repo=ROOT, workspace=ws, release=str(tmp_path / "release"))
    course = Course(str(tmp_path), ws)
    course.nbgrader("generate_assignment", lesson, "--force")
    samples = os.path.join(ROOT, "autograder", lesson, "samples")
    students = [only] if only else [s for s in os.listdir(samples) if os.path.isdir(os.path.join(samples, s))
                                    and (lesson, s) not in FULL_ONLY]
    for student in students:
        shutil.copytree(os.path.join(samples, student), os.path.join(ws, "submitted", student, lesson))
    rows = {r.student: r for r in autograde(course, lesson, log=lambda *a: None, jobs=2)}
    expected = {s: e for s, e in json.load(open(os.path.join(samples, "expected.json"))).items() if s in students}
    got = {s: (r.score, r.status) for s, r in rows.items()}
    assert got == {s: (pytest.approx(e["score"]), "graded") for s, e in expected.items()}
    course.nbgrader("generate_feedback", lesson, "--force")
    for html in glob.glob(os.path.join(ws, "feedback", "*", lesson, "*.html")):
        text = open(html).read()
        assert "BEGIN HIDDEN TESTS" not in text and "nncourse-grade" not in text
        assert "Traceback (most recent call last)" not in text


@pytest.mark.slow
@pytest.mark.parametrize("lesson", [l for l in GRADED if l == "04-backprop"])
def test_validate_in_a_real_kernel(lesson, tmp_path):
    """What a student's Validate button does: nbgrader validate runs the notebook
    in a real kernel; the full sample passes, the untouched release does not."""
    import subprocess
    import sys

    exe = os.path.join(os.path.dirname(sys.executable), "nbgrader")
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    samples = os.path.join(ROOT, "autograder", lesson, "samples")
    out = {}
    for student in ("full", "untouched"):
        (nb,) = glob.glob(os.path.join(samples, student, "*.ipynb"))
        dest = tmp_path / student
        dest.mkdir()
        shutil.copy(nb, dest)
        proc = subprocess.run([exe, "validate", str(dest / os.path.basename(nb))], cwd=str(dest), env=env,
                              capture_output=True, text=True, timeout=300)
        out[student] = proc.stdout + proc.stderr
    assert "Success! Your notebook passes all the tests." in out["full"], out["full"][-3000:]
    assert "VALIDATION FAILED" in out["untouched"] and "NotImplementedError" in out["untouched"]
