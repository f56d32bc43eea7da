"""Do the self-checks of lesson 11 (``nncourse.checks.deepnet``) help students?

They must pass, printing a ✓ line per check and the closing note, on the
solution and on every correct alternative of the catalogue; fail with a
:class:`~nncourse.checks.CheckFailed` that says what was checked and gives a
hint on the wrong implementations they can see on their small examples; and
let an unfinished exercise's ``NotImplementedError`` through.
"""

from __future__ import annotations

import ast
import glob
import os

import nbformat
import numpy as np
import pytest

from nncourse.checks import FINAL_NOTE, CheckFailed
from nncourse.checks import deepnet as check

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(REPO, "solutions", "11-deep-network", "11-deep-network.ipynb")
CATALOGUE = os.path.join(REPO, "autograder", "11-deep-network")

# grade_id -> (names defined by the notebook that the self-check takes, self-check)
EXERCISES = {
    "model": (("init_params", "model_forward", "model_backward"), check.model),
    "sanity_checks": (("numerical_grads", "update_ratios", "dead_fraction", "model_forward"), check.sanity_checks),
}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    "model/mask_ge_zero",      # needs a pre-activation of exactly 0 in the backward pass
    "model/derivative_in_cache", "model/integer_biases",   # in-place change of the caches, int dtype
}

KEEP = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.Assign)


def notebook_namespace(with_solutions: bool) -> dict:
    """What grading sees of the source notebook: its top-level definitions (grade cells excluded)."""
    nb = nbformat.read(SOURCE, as_version=4)
    ns: dict = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("grade") or (meta.get("solution") and not with_solutions):
            continue
        tree = ast.parse(cell.source)
        body = [node for node in tree.body if isinstance(node, KEEP)]
        exec(compile(ast.Module(body=body, type_ignores=[]), "<cell>", "exec"), ns)
    return ns


@pytest.fixture(scope="module")
def solution_ns():
    return notebook_namespace(with_solutions=True)


def load_answer(path: str, base: dict) -> dict:
    ns = dict(base)
    with open(path, encoding="utf-8") as fh:
        exec(compile(fh.read(), path, "exec"), ns)
    return ns


def catalogue(kind: str, exercises=tuple(EXERCISES)):
    paths = sorted(p for e in exercises for p in glob.glob(os.path.join(CATALOGUE, kind, e, "*.py")))
    return [pytest.param(p, id=os.path.relpath(p, os.path.join(CATALOGUE, kind))[:-3]) for p in paths]


def run_check(exercise, ns):
    names, run = EXERCISES[exercise]
    run(*(ns[n] for n in names))


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_solution_passes_with_ticks_and_closing_note(exercise, solution_ns, capsys):
    """Does each self-check pass on the solution, printing ✓ lines and the closing note?"""
    run_check(exercise, solution_ns)
    out = capsys.readouterr().out
    lines = [line for line in out.strip().splitlines() if line != FINAL_NOTE]
    assert len(lines) >= 3 and all(line.startswith("\u2713 ") for line in lines), out
    assert out.strip().splitlines()[-1] == FINAL_NOTE


@pytest.mark.parametrize("path", catalogue("alternatives"))
def test_correct_alternatives_pass(path, solution_ns, capsys):
    """Does every correct alternative implementation pass its self-check?"""
    exercise = os.path.basename(os.path.dirname(path))
    run_check(exercise, load_answer(path, solution_ns))
    assert capsys.readouterr().out.strip().endswith(FINAL_NOTE)


@pytest.mark.parametrize("path", catalogue("mistakes"))
def test_mistakes_fail_with_a_useful_message(path, solution_ns, capsys):
    """Does a known-wrong implementation fail its self-check, saying what, expected vs got, and a hint?"""
    exercise = os.path.basename(os.path.dirname(path))
    key = f"{exercise}/{os.path.basename(path)[:-3]}"
    ns = load_answer(path, solution_ns)
    if key in UNSEEN_BY_SELF_CHECK:
        run_check(exercise, ns)
        return
    with pytest.raises(CheckFailed) as info:
        run_check(exercise, ns)
    text = str(info.value)
    assert ":" in text.splitlines()[0], text
    assert "Hint:" in text, text
    assert FINAL_NOTE not in capsys.readouterr().out


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_not_implemented_propagates(exercise):
    """Does an unfinished exercise make the self-check cell fail with NotImplementedError?"""
    names, run = EXERCISES[exercise]

    def stub(*args, **kwargs):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError):
        run(*(stub for _ in names))


@pytest.mark.parametrize("mistake, words", [
    ("model/variance_as_std", "variance"),
    ("model/fan_out_init", "fan-in"),
    ("model/global_random", "np.random"),
    ("model/relu_on_output", "last layer has no ReLU"),
    ("model/db_mean", "not a mean"),
    ("sanity_checks/not_restored", "Put every entry back"),
    ("sanity_checks/divide_by_h", "2 h"),
    ("sanity_checks/ratio_after_norm", "before the step"),
    ("sanity_checks/ratio_squared", "not squared norms"),
])
def test_hints_name_the_mistake(mistake, words, solution_ns):
    """Does the message point at the actual mistake?"""
    exercise, _ = mistake.split("/")
    ns = load_answer(os.path.join(CATALOGUE, "mistakes", mistake + ".py"), solution_ns)
    with pytest.raises(CheckFailed) as info:
        run_check(exercise, ns)
    assert words in str(info.value)


# -- the questions: the self-check looks at the form only --------------------------------

def test_questions_accept_well_formed_answers_and_leave_the_verdict_to_grading(capsys):
    """Do well-formed answers pass (right or wrong), with a note that grading judges them?"""
    check.questions(1.41, "a", "d")
    out = capsys.readouterr().out
    assert out.count("\u2713 ") == 3 and "grading checks whether they are right" in out


@pytest.mark.parametrize("answers, words", [
    (("log 26", "c", "b"), "Q1_INITIAL_LOSS"),
    ((3.26, "e", "b"), "Q2_CANNOT_OVERFIT"),
    ((3.26, "c", 2), "Q3_RATIO"),
])
def test_questions_reject_malformed_answers(answers, words):
    with pytest.raises(CheckFailed) as info:
        check.questions(*answers)
    assert words in str(info.value)


def test_unanswered_questions_are_not_implemented():
    with pytest.raises(NotImplementedError, match="Q2_CANNOT_OVERFIT"):
        check.questions(3.26, None, "b")


# -- build_and_train: cheap wrong answers (no training needed) ---------------------------

@pytest.fixture(scope="module")
def small_split(solution_ns):
    ns = solution_ns
    return ns["X_train"][:200], ns["y_train"][:200], ns["X_val"][:100], ns["y_val"][:100]


@pytest.mark.parametrize("name, words", [
    ("untrained", "hardly better than guessing"),
    ("predict_scores", "expected shape (100,)"),
    ("argmax_wrong_axis", "expected shape (100,)"),
    ("no_return", "returned None"),
    ("returns_an_object", "a Model object"),
])
def test_build_and_train_mistakes_fail(name, words, solution_ns, small_split):
    ns = dict(solution_ns)
    if name in ("predict_scores", "argmax_wrong_axis", "no_return"):
        ns["train"] = lambda params, *a, **k: {"loss": []}      # keep the test fast: no training
    ns = load_answer(os.path.join(CATALOGUE, "mistakes", "build_and_train", name + ".py"), ns)
    with pytest.raises(CheckFailed) as info:
        check.build_and_train(ns["build_and_train"], ns["predict"], *small_split)
    assert words in str(info.value)


def test_build_and_train_passes_a_quick_honest_model(solution_ns, small_split, capsys):
    """A short but real training run passes the self-check and reports its validation accuracy."""
    ns = solution_ns

    def build(X, y, seed):
        rng = np.random.default_rng(seed)
        params = ns["init_params"]([64, 64, 10], rng)
        ns["train"](params, X, y, rng, epochs=20, batch_size=32, lr=3e-3)
        return params

    check.build_and_train(build, ns["predict"], *small_split)
    out = capsys.readouterr().out
    assert "validation accuracy 0." in out and out.strip().endswith(FINAL_NOTE)
