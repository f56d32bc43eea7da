"""A class graded ahead (nncourse.grading.parallel) is what the one nbgrader writer then uses:
the tasks a Plan makes have exactly the inputs the writer's own sanitize step gives, so the
writer grades nothing again."""

import os
import subprocess
import sys

import nbformat
import pytest
from nbgrader.api import Gradebook

from nncourse.grading.batch import PRECOMPUTED_ENV, ResultStore
from nncourse.grading.parallel import Plan, run_local
from nncourse.grading.synth import synth_class

import build as mini_build

BIN = os.path.dirname(sys.executable)


@pytest.mark.slow
def test_the_writer_uses_every_result_graded_ahead(tmp_path, monkeypatch):
    monkeypatch.setenv("NNCOURSE_SECRET", "plan-test")
    repo, course = mini_build.released(str(tmp_path / "course"))
    roster = synth_class(repo, "mini", course.workspace, 6, seed=3)
    # one notebook nobody can read: the plan reports it instead of a task
    broken = os.path.join(course.workspace, "submitted", "zz-broken", "mini")
    os.makedirs(broken)
    with open(os.path.join(broken, "mini.ipynb"), "w") as fh:
        fh.write("{ not json")

    plan = Plan(course.root, course.workspace, "mini")
    assert [s for s, _, _ in plan.items] == sorted(roster) + ["zz-broken"]
    unreadable = []
    tasks = list(plan.tasks(unreadable.append))
    assert [r["key"] for r in unreadable] == ["zz-broken/mini"] and "error" in unreadable[0]
    readable = [t.student for t in tasks]
    assert readable == sorted(s for s, i in roster.items() if i.get("broken") != "not JSON")

    store = ResultStore(str(tmp_path / "results"))
    run_local(iter(tasks), plan.autograder_dir, 2, store.put, "mini")
    store.close()
    assert all("results" in store.get(s, "mini") for s in readable)

    env = course.env()
    env[PRECOMPUTED_ENV] = store.folder
    proc = subprocess.run([os.path.join(BIN, "nbgrader"), "autograde", "mini"], cwd=course.root, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    used = [s for s in readable if f"mini {s}: using the grades computed ahead for exactly this notebook"
            in proc.stdout]
    assert used == readable, proc.stdout[-3000:]
    assert "grading here" not in proc.stdout
    with Gradebook(course.db_url) as gb:
        graded = {s.student.id for s in gb.assignment_submissions("mini")}
    assert set(readable) <= graded


def test_a_plan_skips_links_and_notebooks_the_gradebook_does_not_know(tmp_path, monkeypatch):
    monkeypatch.setenv("NNCOURSE_SECRET", "plan-test")
    repo, course = mini_build.released(str(tmp_path / "course"))
    synth_class(repo, "mini", course.workspace, 2, seed=1)
    sub = os.path.join(course.workspace, "submitted")
    first = sorted(os.listdir(sub))[0]
    os.makedirs(os.path.join(sub, "linker", "mini"))
    os.symlink(os.path.join(sub, first, "mini", "mini.ipynb"), os.path.join(sub, "linker", "mini", "mini.ipynb"))
    nbformat.write(nbformat.v4.new_notebook(), os.path.join(sub, first, "mini", "extra.ipynb"))
    plan = Plan(course.root, course.workspace, "mini")
    assert "linker" not in [s for s, _, _ in plan.items]
    assert {n for _, n, _ in plan.items} == {"mini"}
    plan.only(lambda student: student != first)
    assert first not in plan.keys and len(plan.keys) == 1


def _tampered(release: str, how: str):
    """The released mini notebook, changed as a student might change it."""
    nb = nbformat.read(release, as_version=4)
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    if how == "locked cell edited":
        by_id["imports"].source = "import numpy as np\nnp.allclose = lambda *a, **k: True"
    elif how == "grade cell deleted":
        nb.cells.remove(by_id["grade_relu"])
    elif how == "points raised":
        by_id["grade_affine"].metadata.nbgrader["points"] = 40
    elif how == "cell type changed":
        by_id["imports"].cell_type = "markdown"
        del by_id["imports"]["outputs"], by_id["imports"]["execution_count"]
    elif how == "grade cell forged":
        nb.cells.append(nbformat.v4.new_code_cell("assert True", metadata={"nbgrader": {
            "grade": True, "solution": False, "locked": True, "grade_id": "free", "points": 9, "schema_version": 3}}))
    elif how == "unlocked":
        by_id["grade_relu"].metadata.nbgrader["locked"] = False
        by_id["grade_relu"].source = "pass"
    elif how == "answered":
        by_id["relu"].source = "def relu(z):\n    return np.maximum(z, 0)"
    return nb


@pytest.mark.parametrize("how", ["answered", "locked cell edited", "grade cell deleted", "points raised",
                                 "cell type changed", "grade cell forged", "unlocked"])
def test_a_plan_that_reads_the_gradebook_once_makes_the_tasks_of_one_that_reads_it_per_notebook(
        tmp_path, monkeypatch, how):
    # the plan's sanitizers take the gradebook's record from one read (snapshot); nbgrader's read it
    # for every notebook: both must give every task exactly the same inputs (its digest)
    monkeypatch.setenv("NNCOURSE_SECRET", "plan-test")
    repo, course = mini_build.released(str(tmp_path / "course"))
    path = os.path.join(course.workspace, "submitted", "s1", "mini", "mini.ipynb")
    os.makedirs(os.path.dirname(path))
    nbformat.write(_tampered(os.path.join(repo, "lessons", "mini", "mini.ipynb"), how), path)
    once = Plan(course.root, course.workspace, "mini")
    each = Plan(course.root, course.workspace, "mini", read_once=False)
    readers = [pp for pp in once.sanitizers if type(pp).__name__ in ("OverwriteCells", "TrustGradebookCells")]
    assert len(readers) == 2 and all(pp.snapshot is not None for pp in readers)
    assert not any(getattr(pp, "snapshot", None) for pp in each.sanitizers)
    a, b = once.task("s1", "mini", path), each.task("s1", "mini", path)
    assert a.code_cells == b.code_cells and a.cells == b.cells
    assert a.digest() == b.digest()
    if how == "locked cell edited":   # and the sanitizers did their job
        assert "lambda" not in "".join(src for _, src in a.code_cells)


def test_a_plan_reads_the_gradebook_once(tmp_path, monkeypatch):
    import nbgrader.api

    monkeypatch.setenv("NNCOURSE_SECRET", "plan-test")
    repo, course = mini_build.released(str(tmp_path / "course"))
    synth_class(repo, "mini", course.workspace, 4, seed=2)
    opened = []
    real = nbgrader.api.Gradebook.__init__
    monkeypatch.setattr(nbgrader.api.Gradebook, "__init__",
                        lambda self, *a, **k: opened.append(1) or real(self, *a, **k))
    plan = Plan(course.root, course.workspace, "mini")
    tasks = list(plan.tasks())
    assert len(tasks) >= 3 and len(opened) == 1


def test_an_nbgrader_run_reads_the_gradebook_once_and_each_run_reads_it_again(tmp_path, monkeypatch):
    # nbgrader makes new preprocessors for every notebook but one converter per run (one
    # `nbgrader autograde`, or one formgrader request): the record is read once per converter
    import nbgrader.api
    from nbconvert.exporters import NotebookExporter
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory

    from nncourse.grading.sanitize import OverwriteCells, TrustGradebookCells
    from nncourse.grading.snapshot import of_run

    repo, course = mini_build.released(str(tmp_path / "course"))
    path = os.path.join(course.workspace, "submitted", "s1", "mini", "mini.ipynb")
    os.makedirs(os.path.dirname(path))
    nbformat.write(_tampered(os.path.join(repo, "lessons", "mini", "mini.ipynb"), "locked cell edited"), path)
    opened = []
    real = nbgrader.api.Gradebook.__init__
    monkeypatch.setattr(nbgrader.api.Gradebook, "__init__",
                        lambda self, *a, **k: opened.append(1) or real(self, *a, **k))
    resources = {"nbgrader": {"student": "s1", "assignment": "mini", "notebook": "mini", "db_url": course.db_url}}

    def sanitized(run):
        nb = nbformat.read(path, as_version=4)
        for cls in (TrustGradebookCells, OverwriteCells):   # new preprocessors for every notebook
            nb, _ = cls(parent=NotebookExporter(parent=run) if run else None).preprocess(nb, resources)
        return nb

    run = Autograde(coursedir=CourseDirectory(root=str(tmp_path)))
    first = sanitized(run)
    assert len(opened) == 1 and sanitized(run) == first and len(opened) == 1
    assert sanitized(Autograde(coursedir=CourseDirectory(root=str(tmp_path)))) == first and len(opened) == 2
    # a preprocessor of no run is nbgrader's: it opens the gradebook itself, every time
    assert of_run(OverwriteCells(), course.db_url, "mini") is None
    assert sanitized(None) == first and len(opened) == 4
    assert "lambda" not in first.cells[1].source


def _descendants(pid: int) -> list[int]:
    out = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                kids = [int(k) for k in fh.read().split()]
        except OSError:
            continue
        for kid in kids:
            out += [kid, *_descendants(kid)]
    return out


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two CPUs")
def test_each_grading_process_and_its_workers_keep_to_a_core_of_their_own(tmp_path, monkeypatch):
    import time

    from nncourse.grading.parallel import LocalGraders

    monkeypatch.setenv("NNCOURSE_SECRET", "plan-test")
    repo, course = mini_build.released(str(tmp_path / "course"))
    plan = Plan(course.root, course.workspace, "mini")
    with LocalGraders(plan.autograder_dir, 2, "mini").start() as graders:
        graders._starting.join()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:   # both started, each with its preloaded worker under it
            pids = list(graders.pool._processes)
            if len(pids) == 2 and all(_descendants(p) for p in pids):
                break
            time.sleep(0.1)
        cores = [os.sched_getaffinity(p) for p in pids]
        assert all(len(c) == 1 for c in cores) and cores[0] != cores[1]
        for pid, core in zip(pids, cores):
            assert {frozenset(os.sched_getaffinity(d)) for d in _descendants(pid)} == {frozenset(core)}
    # one process: free to use every core (its workers run beside it)
    with LocalGraders(plan.autograder_dir, 1, "mini").start() as graders:
        graders._starting.join()
        assert all(os.sched_getaffinity(p) == os.sched_getaffinity(0) for p in graders.pool._processes)


def test_a_run_starts_its_graders_before_it_imports_nbgrader_or_nbconvert(tmp_path, monkeypatch):
    """The grading processes start while the coordinator goes on to check the sandbox and read the
    gradebook; importing nbgrader (about 0.5 s) or nbconvert first would make them wait for it."""
    monkeypatch.setenv("NNCOURSE_SECRET", "plan-test")
    repo, course = mini_build.released(str(tmp_path / "course"))
    probe = (
        "import sys\n"
        "import nncourse.grading.parallel as P\n"
        "def start(self):\n"
        "    heavy = sorted(m for m in ('nbgrader', 'nbconvert', 'nncourse.grading.feedback') if m in sys.modules)\n"
        "    print('HEAVY', heavy, flush=True)\n"
        "    raise SystemExit(0)\n"
        "P.LocalGraders.start = start\n"
        "from nncourse.cli import main\n"
        "sys.exit(main(['autograde', 'mini', '--jobs', '2']))\n"
    )
    env = dict(os.environ, NNCOURSE_ROOT=course.root, NNCOURSE_WORKSPACE=course.workspace)
    out = subprocess.run([sys.executable, "-c", probe], cwd=course.root, env=env, capture_output=True, text=True,
                         timeout=120)
    assert "HEAVY []" in out.stdout, f"imported before the graders start: {out.stdout}{out.stderr}"


def test_grading_processes_take_the_environment_of_their_own_run(tmp_path, monkeypatch):
    """Grading processes come from a fork server that outlives a run and keeps the environment of the
    first; a second run in the same process (with, say, another NNCOURSE_SANDBOX) must grade with its own."""
    from nncourse.grading.parallel import LocalGraders

    seen = []
    for mark in ("first run", "second run"):
        monkeypatch.setenv("NNCOURSE_RUN_MARK", mark)
        with LocalGraders(str(tmp_path), 2) as graders:
            seen.append({graders.pool.submit(os.getenv, "NNCOURSE_RUN_MARK").result(timeout=60) for _ in range(4)})
    assert seen == [{"first run"}, {"second run"}]
