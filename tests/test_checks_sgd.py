"""Do the self-checks of lesson 06 (``nncourse.checks.sgd``) help students?

They must pass, printing a ✓ line per check and the closing note, on the
solution and on every correct alternative of the mistake catalogue; fail with a
:class:`~nncourse.checks.CheckFailed` that says what was checked and gives a
hint on the wrong implementations they can see on their small examples; and
let an unfinished exercise's ``NotImplementedError`` through.
"""

from __future__ import annotations

import ast
import glob
import os

import nbformat
import pytest

from nncourse.checks import FINAL_NOTE, CheckFailed
from nncourse.checks import sgd as check

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(REPO, "solutions", "06-sgd", "06-sgd.ipynb")
CATALOGUE = os.path.join(REPO, "autograder", "06-sgd")


def _train_check(fn, ns):
    return check.train_sgd(fn, ns["minibatch_indices"])


# grade_id of the grade cell -> (name defined by the exercise, self-check taking (answer, namespace))
EXERCISES = {
    "minibatch_indices": ("minibatch_indices", lambda fn, ns: check.minibatch_indices(fn)),
    "sgd_epoch": ("sgd_epoch", lambda fn, ns: check.sgd_epoch(fn)),
    "linear_decay": ("linear_decay", lambda fn, ns: check.linear_decay(fn)),
    "train_sgd": ("train_sgd", _train_check),
}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    "sgd_epoch/unstable_softmax",          # large logits only
    "train_sgd/best_by_training_loss",     # the small example's best epochs coincide
    "train_sgd/best_params_alias",         # the small example's best epoch is the last
}

KEEP = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.Assign)


def notebook_namespace() -> dict:
    """The solution notebook's definitions (grade cells excluded), without the digits data."""
    nb = nbformat.read(SOURCE, as_version=4)
    ns: dict = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("grade"):
            continue
        body = [node for node in ast.parse(cell.source).body
                if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef))]
        exec(compile(ast.Module(body=body, type_ignores=[]), "<cell>", "exec"), ns)
    return ns


@pytest.fixture(scope="module")
def solution_ns():
    return notebook_namespace()


def load_answer(path: str, base: dict) -> dict:
    ns = dict(base)
    with open(path, encoding="utf-8") as fh:
        exec(compile(fh.read(), path, "exec"), ns)
    return ns


def catalogue(kind: str):
    paths = sorted(glob.glob(os.path.join(CATALOGUE, kind, "*", "*.py")))
    # conceptual questions have a form-only self-check, tested in test_checks_concepts.py
    paths = [p for p in paths if os.path.basename(os.path.dirname(p)) in EXERCISES]
    return [pytest.param(p, id=os.path.relpath(p, os.path.join(CATALOGUE, kind))[:-3]) for p in paths]


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_solution_passes_with_ticks_and_closing_note(exercise, solution_ns, capsys):
    """Does each self-check pass on the solution, printing ✓ lines and the closing note?"""
    name, run = EXERCISES[exercise]
    run(solution_ns[name], solution_ns)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) >= 3 and all(line.startswith("\u2713 ") for line in lines[:-1]), lines
    assert lines[-1] == FINAL_NOTE


@pytest.mark.parametrize("path", catalogue("alternatives"))
def test_correct_alternatives_pass(path, solution_ns, capsys):
    """Does every correct alternative implementation pass its self-check?"""
    name, run = EXERCISES[os.path.basename(os.path.dirname(path))]
    ns = load_answer(path, solution_ns)
    run(ns[name], ns)
    assert capsys.readouterr().out.strip().endswith(FINAL_NOTE)


@pytest.mark.parametrize("path", catalogue("mistakes"))
def test_mistakes_fail_with_a_useful_message(path, solution_ns, capsys):
    """Does a known-wrong implementation fail its self-check, saying what, expected vs got, and a hint?"""
    exercise = os.path.basename(os.path.dirname(path))
    key = f"{exercise}/{os.path.basename(path)[:-3]}"
    name, run = EXERCISES[exercise]
    ns = load_answer(path, solution_ns)
    if key in UNSEEN_BY_SELF_CHECK:
        run(ns[name], ns)
        return
    with pytest.raises(CheckFailed) as info:
        run(ns[name], ns)
    text = str(info.value)
    assert ":" in text.splitlines()[0], text
    assert FINAL_NOTE not in capsys.readouterr().out


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_not_implemented_propagates(exercise, solution_ns):
    """Does an unfinished exercise make the self-check cell fail with NotImplementedError?"""
    name, run = EXERCISES[exercise]

    def stub(*args, **kwargs):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError):
        run(stub, {"minibatch_indices": stub})


@pytest.mark.parametrize("mistake, words", [
    ("minibatch_indices/drops_last_batch", "last, smaller batch is missing"),
    ("minibatch_indices/shuffles_once", "new permutation"),
    ("minibatch_indices/not_shuffled", "not shuffled"),
    ("sgd_epoch/plus_sign", "one gradient-descent step"),
    ("linear_decay/no_floor", "floor"),
    ("train_sgd/lr_starts_at_step_one", "starting from e = 0"),
])
def test_hints_name_the_mistake(mistake, words, solution_ns):
    """Does the message point at the actual mistake?"""
    exercise, _ = mistake.split("/")
    name, run = EXERCISES[exercise]
    ns = load_answer(os.path.join(CATALOGUE, "mistakes", mistake + ".py"), solution_ns)
    with pytest.raises(CheckFailed) as info:
        run(ns[name], ns)
    assert words in str(info.value)
