"""Do the self-checks of lesson 08 (``nncourse.checks.overfitting``) help students?

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
import pytest

from nncourse.checks import FINAL_NOTE, CheckFailed
from nncourse.checks import overfitting as check

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(REPO, "solutions", "08-overfitting", "08-overfitting.ipynb")
CATALOGUE = os.path.join(REPO, "autograder", "08-overfitting")

# grade_id of the grade cell -> (names defined by the exercise, self-check)
EXERCISES = {
    "l2_penalty": (("l2_penalty",), check.l2_penalty),
    "dropout": (("dropout_forward", "dropout_backward"), check.dropout),
    "early_stopping": (("EarlyStopping",), check.early_stopping),
    "augment_with_noise": (("augment_with_noise",), check.augment_with_noise),
    "choose_hyperparameters": (("choose_hyperparameters",), check.choose_hyperparameters),
}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    "l2_penalty/hardcoded_names",
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


def catalogue(kind: str):
    paths = sorted(glob.glob(os.path.join(CATALOGUE, kind, "*", "*.py")))
    # conceptual questions have a form-only self-check, tested in test_checks_concepts.py
    paths = [p for p in paths if os.path.basename(os.path.dirname(p)) in EXERCISES]
    return [pytest.param(p, id=os.path.relpath(p, os.path.join(CATALOGUE, kind))[:-3]) for p in paths]


def run_check(exercise, ns):
    names, run = EXERCISES[exercise]
    run(*(ns[n] for n in names))


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_solution_passes_with_ticks_and_closing_note(exercise, solution_ns, capsys):
    """Does each self-check pass on the solution, printing ✓ lines and the closing note?"""
    run_check(exercise, solution_ns)
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert len(lines) >= 3 and all(line.startswith("\u2713 ") for line in lines[:-1]), out
    assert lines[-1] == FINAL_NOTE


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

    class Stub:
        def __init__(self, *args, **kwargs):
            pass

        update = stub

    with pytest.raises(NotImplementedError):
        run(*(Stub if n[0].isupper() else stub for n in names))


def test_stored_reference_instead_of_copy_is_caught():
    """Does the self-check catch a checkpoint that keeps the live arrays (the hidden tests cannot)?"""
    import numpy as np

    class EarlyStopping:
        def __init__(self, patience):
            self.patience, self.best_loss, self.best_epoch, self.best_params, self.wait = patience, np.inf, None, None, 0

        def update(self, epoch, val_loss, params):
            if val_loss < self.best_loss:
                self.best_loss, self.best_epoch, self.best_params, self.wait = val_loss, epoch, params, 0
                return False
            self.wait += 1
            return self.wait >= self.patience

    with pytest.raises(CheckFailed) as info:
        check.early_stopping(EarlyStopping)
    assert "copies" in str(info.value)


@pytest.mark.parametrize("mistake, words", [
    ("l2_penalty/decays_biases", "biases"),
    ("l2_penalty/no_half", "1/2"),
    ("l2_penalty/grad_without_lam", "forgot lam"),
    ("dropout/no_rescaling", "did not rescale"),
    ("dropout/dropout_at_eval", "evaluation mode"),
    ("dropout/backward_without_scale", "scale in backward"),
    ("dropout/divide_by_p", "1 - p"),
    ("early_stopping/saves_last_params", "only when the loss improves"),
    ("early_stopping/patience_late", "late"),
    ("early_stopping/patience_early", "early"),
    ("early_stopping/ties_improve", "strictly smaller"),
    ("augment_with_noise/repeat_labels", "np.tile"),
    ("augment_with_noise/drops_originals", "original"),
    ("augment_with_noise/no_sigma", "sigma"),
    ("choose_hyperparameters/chooses_on_test", "test accuracy"),
    ("choose_hyperparameters/chooses_on_train", "training accuracy"),
    ("choose_hyperparameters/reports_best_test", "chosen record"),
    ("choose_hyperparameters/last_on_ties", "first record"),
])
def test_hints_name_the_mistake(mistake, words, solution_ns):
    """Does the message point at the actual mistake?"""
    exercise, _ = mistake.split("/")
    ns = load_answer(os.path.join(CATALOGUE, "mistakes", mistake + ".py"), solution_ns)
    with pytest.raises(CheckFailed) as info:
        run_check(exercise, ns)
    assert words in str(info.value)
