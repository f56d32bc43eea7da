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
