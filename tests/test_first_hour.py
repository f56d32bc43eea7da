"""The instructor's first hour: the README's workflow, exactly as written, on a fresh copy.

The bash block of README.md's "For instructors" section is run line by line in
one shell, on a copy of the course as a fresh clone has it (no ``workspace/``,
no ``work/``), with two sample submissions waiting in
``workspace/downloaded/04-backprop/archive/`` under the documented names.
``make formgrader`` (a server) is left to ``tests/test_browser.py``.
"""

import csv
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile

import pytest

pytestmark = pytest.mark.slow

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
LESSON = "04-backprop"
SAMPLES = os.path.join(ROOT, "autograder", LESSON, "samples")


def readme_workflow() -> list[str]:
    """The command lines of the first bash block after '## For instructors'."""
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    section = text[text.index("## For instructors"):]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def course_copy(dest: str) -> str:
    """The repository as a fresh clone has it (no work/, workspace/, build/), sharing this checkout's .venv.

    The copy leaves out the ``nncourse/`` package: the shared virtualenv's editable install
    provides it, and a second copy in the course folder would shadow it in nbgrader's process.
    """
    installed = os.path.join(ROOT, ".venv", ".installed")
    if not os.path.exists(installed) or os.path.getmtime(installed) < os.path.getmtime(
            os.path.join(ROOT, "pyproject.toml")):
        pytest.fail("the virtualenv is older than pyproject.toml: run `make venv` first "
                    "(a copy of the course must never reinstall the shared .venv)")
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(
        ".git", ".venv", "work", "workspace", "build", "__pycache__", ".ipynb_checkpoints", ".pytest_cache",
        "*.egg-info", "nncourse", ".hypothesis"))
    os.symlink(os.path.join(ROOT, ".venv"), os.path.join(dest, ".venv"))
    return dest


def shell_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NNCOURSE_WORKSPACE", "NNCOURSE_ROOT", "VIRTUAL_ENV")}
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"        # a fresh shell: the venv is not active yet
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def workflow(tmp_path_factory):
    course = course_copy(str(tmp_path_factory.mktemp("first-hour") / "course"))
    lessons_before = {p: open(p, "rb").read() for p in glob.glob(os.path.join(course, "lessons", "*", "*.ipynb"))}
    archive = os.path.join(course, "workspace", "downloaded", LESSON, "archive")
    os.makedirs(archive)
    # what an LMS download looks like: one zip with a file per student, named as the README says
    with zipfile.ZipFile(os.path.join(archive, "submissions.zip"), "w") as zf:
        zf.write(os.path.join(SAMPLES, "full", LESSON + ".ipynb"), f"alice_{LESSON}.ipynb")
        zf.write(os.path.join(SAMPLES, "partial", LESSON + ".ipynb"),
                 f"bob.smith_2026-01-30-15-00-00_{LESSON}.ipynb")
    shutil.copy(os.path.join(SAMPLES, "untouched", LESSON + ".ipynb"), os.path.join(archive, f"carol_{LESSON}.ipynb"))
    commands = [c for c in readme_workflow() if not c.startswith("make formgrader")]
    assert any(c.startswith("nbgrader zip_collect") for c in commands), commands
    script = "set -euo pipefail\n" + "".join(f"echo {shlex.quote('+ ' + c)}\n{c}\n" for c in commands)
    proc = subprocess.run(["bash", "-c", script], cwd=course, env=shell_env(), text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=3000)
    return {"course": course, "proc": proc, "lessons_before": lessons_before, "commands": commands}


def test_readme_workflow_runs_top_to_bottom(workflow):
    proc = workflow["proc"]
    assert proc.returncode == 0, proc.stdout[-6000:]
    for command in workflow["commands"]:
        assert f"+ {command}" in proc.stdout


def test_release_is_untouched_and_recorded_in_the_gradebook(workflow):
    for path, data in workflow["lessons_before"].items():
        assert open(path, "rb").read() == data, f"{path} changed"
    assert "lessons/ is in sync with solutions/" in workflow["proc"].stdout


def test_zip_collect_and_autograde_give_the_predicted_scores(workflow):
    ws = os.path.join(workflow["course"], "workspace")
    students = sorted(os.listdir(os.path.join(ws, "submitted")))
    assert students == ["alice", "bob.smith", "carol"], workflow["proc"].stdout[-4000:]
    expected = json.load(open(os.path.join(SAMPLES, "expected.json")))
    report = os.path.join(ws, f"grades-{LESSON}.csv")
    rows = {r["student_id"]: r for r in csv.DictReader(open(report))}
    assert {s: (float(r["score"]), r["status"]) for s, r in rows.items()} == {
        "alice": (expected["full"]["score"], "graded"),
        "bob.smith": (pytest.approx(expected["partial"]["score"]), "graded"),
        "carol": (expected["untouched"]["score"], "graded")}
    for student in students:
        assert os.path.isfile(os.path.join(ws, "feedback", student, LESSON, LESSON + ".html"))


def test_report_and_export_write_distinct_ignored_files_in_the_workspace(workflow):
    ws = os.path.join(workflow["course"], "workspace")
    ours = os.path.join(ws, f"grades-{LESSON}.csv")
    nbgraders = os.path.join(ws, "nbgrader-grades.csv")
    assert os.path.isfile(ours) and os.path.isfile(nbgraders)
    assert "status" in open(ours).readline() and "status" not in open(nbgraders).readline()
    assert not glob.glob(os.path.join(workflow["course"], "*.csv")), "nothing is written at the repository root"
    ignored = open(os.path.join(workflow["course"], ".gitignore")).read().split()
    assert "workspace/" in ignored


def test_nbgrader_without_the_venv_on_path_keeps_the_release(tmp_path):
    """`.venv/bin/nbgrader generate_assignment --force` without activating: it finds alembic."""
    course = course_copy(str(tmp_path / "course"))
    release = os.path.join(course, "lessons", LESSON, LESSON + ".ipynb")
    proc = subprocess.run([os.path.join(BIN, "nbgrader"), "generate_assignment", LESSON, "--force"], cwd=course,
                          env=shell_env(), text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert os.path.isfile(release)


def test_release_failure_keeps_the_committed_release(tmp_path):
    """A solution that cannot be generated leaves lessons/ as it was, with nbgrader's cause."""
    course = course_copy(str(tmp_path / "course"))
    release = os.path.join(course, "lessons", LESSON, LESSON + ".ipynb")
    before = open(release, "rb").read()
    with open(os.path.join(course, "solutions", LESSON, LESSON + ".ipynb"), "w") as fh:
        fh.write("{ not a notebook")
    proc = subprocess.run([os.path.join(BIN, "nncourse"), "release", "01-perceptron", LESSON], cwd=course,
                          env=shell_env(), text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    assert proc.returncode != 0
    assert "generate_assignment" in proc.stdout and "JSON" in proc.stdout, proc.stdout[-3000:]
    assert open(release, "rb").read() == before
    assert not [d for d in os.listdir(os.path.join(course, "lessons")) if d.startswith(".release-")]


def test_autograde_says_why_a_submission_failed(tmp_path):
    """A fresh workspace with a submission that is not a notebook: the cause is printed."""
    course = course_copy(str(tmp_path / "course"))
    dest = os.path.join(course, "workspace", "submitted", "dave", LESSON)
    os.makedirs(dest)
    with open(os.path.join(dest, LESSON + ".ipynb"), "w") as fh:
        fh.write("this is not JSON")
    proc = subprocess.run([os.path.join(BIN, "nncourse"), "autograde", LESSON], cwd=course, env=shell_env(),
                          text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900)
    assert proc.returncode == 1
    assert "was not in the gradebook" in proc.stdout
    (line,) = [ln for ln in proc.stdout.splitlines() if ln.startswith("dave: failed to grade:")]
    assert "JSON" in line and "see the" not in line.lower(), proc.stdout[-3000:]
    # not retried: a retry that failed would have left nbgrader's output in the student's log
    assert not os.path.exists(os.path.join(course, "workspace", ".nncourse", "logs", LESSON, "dave.log"))
