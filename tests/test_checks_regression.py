"""Do the self-checks of lesson 10 (``nncourse.checks.regression``) help students?

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
import numpy as np
import pytest

from nncourse.checks import FINAL_NOTE, CheckFailed
from nncourse.checks import regression as check

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(REPO, "solutions", "10-regression", "10-regression.ipynb")
CATALOGUE = os.path.join(REPO, "autograder", "10-regression")

# grade_id of the grade cell -> (name defined by the exercise, self-check)
EXERCISES = {
    "mse_loss_grad": ("mse_loss_grad", check.mse_loss_grad),
    "gaussian_nll": ("gaussian_nll", check.gaussian_nll),
    "best_log_variance": ("best_log_variance", check.best_log_variance),
    "mse_prediction": ("mse_prediction", check.mse_prediction),
    "mdn_params": ("mdn_params", check.mdn_params),
    "mdn_nll": ("mdn_nll", check.mdn_nll),
    "mdn_nll_grad": ("mdn_nll_grad", check.mdn_nll_grad),
}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {       # the caller's arrays changed in place, or a warning with the right value
    "best_log_variance/squares_in_place", "gaussian_nll/residual_in_place", "mdn_params/scales_in_place",
    "mse_loss_grad/difference_in_place", "mse_prediction/weights_in_place",
    "mdn_nll/logits_shifted_in_place", "mdn_nll_grad/logits_shifted_in_place",
    "mdn_nll/log_of_softmax", "mdn_nll_grad/log_of_softmax",
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
    return [pytest.param(p, id=os.path.relpath(p, os.path.join(CATALOGUE, kind))[:-3]) for p in paths]


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_solution_passes_with_ticks_and_closing_note(exercise, solution_ns, capsys):
    """Does each self-check pass on the solution, printing ✓ lines and the closing note?"""
    name, run = EXERCISES[exercise]
    run(solution_ns[name])
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert len(lines) >= 3 and all(line.startswith("\u2713 ") for line in lines[:-1]), out
    assert lines[-1] == FINAL_NOTE
    assert "grading" in FINAL_NOTE and "first check" in FINAL_NOTE


@pytest.mark.parametrize("path", catalogue("alternatives"))
def test_correct_alternatives_pass(path, solution_ns, capsys):
    """Does every correct alternative implementation pass its self-check?"""
    exercise = os.path.basename(os.path.dirname(path))
    name, run = EXERCISES[exercise]
    run(load_answer(path, solution_ns)[name])
    assert capsys.readouterr().out.strip().endswith(FINAL_NOTE)


@pytest.mark.parametrize("path", catalogue("mistakes"))
def test_mistakes_fail_with_a_useful_message(path, solution_ns, capsys):
    """Does a known-wrong implementation fail its self-check, saying what, expected vs got, and a hint?"""
    exercise = os.path.basename(os.path.dirname(path))
    key = f"{exercise}/{os.path.basename(path)[:-3]}"
    name, run = EXERCISES[exercise]
    answer = load_answer(path, solution_ns)[name]
    if key in UNSEEN_BY_SELF_CHECK:
        run(answer)
        return
    with pytest.raises(Exception) as info:
        run(answer)
    err = info.value
    assert not isinstance(err, NotImplementedError)
    if isinstance(err, CheckFailed):
        text = str(err)
        assert ":" in text.splitlines()[0], text
        assert "Hint:" in text, text
        assert FINAL_NOTE not in capsys.readouterr().out


def test_check_failed_is_an_assertion_error():
    """Does nbgrader's Validate see a failed self-check as a failing cell?"""
    assert issubclass(CheckFailed, AssertionError)


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_not_implemented_propagates(exercise):
    """Does an unfinished exercise make the self-check cell fail with NotImplementedError?"""
    name, run = EXERCISES[exercise]

    def stub(*args, **kwargs):
        raise NotImplementedError()

    class Stub:
        def __init__(self, *args, **kwargs):
            pass

        forward = backward = stub

    with pytest.raises(NotImplementedError):
        run(Stub if name[0].isupper() else stub)


@pytest.mark.parametrize("mistake, words", [
    ("mse_loss_grad/no_factor_two", "keep the 2"),
    ("mse_loss_grad/no_batch_mean", "1/N"),
    ("mse_loss_grad/mean_over_entries", "N * K"),
    ("mse_loss_grad/half_loss", "no 1/2"),
    ("gaussian_nll/missing_constant", "log(2 pi)"),
    ("gaussian_nll/grad_wrt_variance", "chain rule through exp"),
    ("gaussian_nll/mse_gradient_for_mu", "division by the variance"),
    ("gaussian_nll/log_exp_round_trip", "log_var directly"),
    ("best_log_variance/no_log", "its log"),
    ("best_log_variance/np_var", "np.var"),
    ("mse_prediction/most_likely_value", "most likely"),
    ("mse_prediction/unweighted_mean", "probability"),
    ("mdn_params/softmax_over_batch", "axis 0"),
    ("mdn_params/unnormalised_weights", "sum to 1"),
    ("mdn_params/sigma_not_positive", "positive"),
    ("mdn_params/unstable_softmax", "maximum"),
    ("mdn_nll/no_logsumexp", "log-sum-exp"),
    ("mdn_nll/sum_over_batch", "N times"),
    ("mdn_nll/missing_constant", "log(2 pi)"),
    ("mdn_nll_grad/no_one_over_n", "divide by N"),
    ("mdn_nll_grad/unstable_responsibilities", "0/0"),
])
def test_hints_name_the_mistake(mistake, words, solution_ns):
    """Does the message point at the actual mistake?"""
    exercise, _ = mistake.split("/")
    name, run = EXERCISES[exercise]
    answer = load_answer(os.path.join(CATALOGUE, "mistakes", mistake + ".py"), solution_ns)[name]
    with pytest.raises(CheckFailed) as info:
        run(answer)
    assert words in str(info.value)
