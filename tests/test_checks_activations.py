"""Do the self-checks of lesson 03 (``nncourse.checks.activations``) help students?

They must pass, printing a ✓ line per check and the closing note, on the
solution and on every correct alternative of the catalogue; fail with a
:class:`~nncourse.checks.CheckFailed` that says what was checked and gives a
hint on the wrong implementations they can see on their small examples; catch
an overflow that NumPy only warns about; and let an unfinished exercise's
``NotImplementedError`` through.
"""

from __future__ import annotations

import ast
import glob
import os

import nbformat
import numpy as np
import pytest

from nncourse.checks import FINAL_NOTE, CheckFailed
from nncourse.checks import activations as check

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(REPO, "solutions", "03-activations", "03-activations.ipynb")
CATALOGUE = os.path.join(REPO, "autograder", "03-activations")

# grade_id of the grade cell -> (names defined by the exercise, self-check)
EXERCISES = {
    "sigmoid": (("sigmoid", "sigmoid_prime"), check.sigmoid_functions),
    "leaky_relu": (("leaky_relu", "leaky_relu_prime"), check.leaky_relu_functions),
    "softmax": (("softmax",), check.softmax),
    "log_softmax": (("log_softmax",), check.log_softmax),
    "cross_entropy": (("cross_entropy",), check.cross_entropy),
}

# Mistakes that only show on inputs the self-checks do not try (a 3-D array);
# the hidden suites catch them.
# caught only by the hidden suites: side effects, the kink at exactly 0 and types the first look does not try
UNSEEN_BY_SELF_CHECK: set[str] = {
    "cross_entropy/shift_in_place", "leaky_relu/in_place_scaling",
    "leaky_relu/prime_mask_for_relu", "log_softmax/shift_in_place", "sigmoid/negates_z_in_place",
    "softmax/shift_in_place",
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


def run_check(exercise: str, ns: dict) -> None:
    names, run = EXERCISES[exercise]
    run(*[ns[name] for name in names])


def catalogue(kind: str):
    paths = sorted(glob.glob(os.path.join(CATALOGUE, kind, "*", "*.py")))
    return [pytest.param(p, id=os.path.relpath(p, os.path.join(CATALOGUE, kind))[:-3]) for p in paths]


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
    with pytest.raises(Exception) as info:
        run_check(exercise, ns)
    err = info.value
    assert not isinstance(err, NotImplementedError)
    if isinstance(err, CheckFailed):
        text = str(err)
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
        run(*[stub for _ in names])


def test_a_warning_alone_fails_the_check():
    """Is the textbook 1 / (1 + exp(-z)), right in value but warning at z = -1000, sent back with a hint?"""
    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))

    def sigmoid_prime(z):
        s = sigmoid(z)
        return s * (1 - s)

    with pytest.raises(CheckFailed) as info:
        check.sigmoid_functions(sigmoid, sigmoid_prime)
    assert "overflow" in str(info.value) and "Hint:" in str(info.value)


@pytest.mark.parametrize("mistake, words", [
    ("sigmoid/derivative_at_z", "z (1 - z)"),
    ("sigmoid/exp_ratio", "overflows"),
    ("sigmoid/sign_flipped", "sigma(-z)"),
    ("sigmoid/unstable_derivative", "nan"),
    ("leaky_relu/alpha_on_positive_side", "wrong side"),
    ("leaky_relu/prime_ignores_alpha", "ReLU's derivative"),
    ("softmax/no_max_subtraction", "maximum"),
    ("softmax/wrong_axis", "axis 0"),
    ("softmax/global_max", "own maximum"),
    ("log_softmax/log_of_softmax", "log(0)"),
    ("log_softmax/forgets_max_back", "add m back"),
    ("cross_entropy/mean_over_classes", "N * K"),
    ("cross_entropy/grad_without_n", "too large"),
    ("cross_entropy/whole_columns", "once per row"),
])
def test_hints_name_the_mistake(mistake, words, solution_ns):
    """Does the message point at the actual mistake?"""
    exercise, _ = mistake.split("/")
    ns = load_answer(os.path.join(CATALOGUE, "mistakes", mistake + ".py"), solution_ns)
    with pytest.raises(CheckFailed) as info:
        run_check(exercise, ns)
    assert words in str(info.value)
