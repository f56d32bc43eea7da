"""Do the self-checks of lesson 05 (``nncourse.checks.gradcheck``) help students?

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
from nncourse.checks import gradcheck as check

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(REPO, "solutions", "05-gradcheck", "05-gradcheck.ipynb")
CATALOGUE = os.path.join(REPO, "autograder", "05-gradcheck")

# grade_id of the grade cell -> (names defined by the exercise, self-check)
EXERCISES = {
    "differences": (("two_sided_difference", "one_sided_difference"), check.differences),
    "relative_error": (("relative_error",), check.relative_error),
    "tanh_layer_gradcheck": (("tanh_layer_gradcheck",), check.tanh_layer_gradcheck),
    "find_bugs": (("find_bugs",), check.find_bugs),
}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    "find_bugs/fixed_tol",               # the self-check only uses the default tol
}

KEEP = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.Assign)


def notebook_namespace() -> dict:
    """What grading sees of the source notebook: its top-level definitions (grade cells excluded)."""
    nb = nbformat.read(SOURCE, as_version=4)
    ns: dict = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.metadata.get("nbgrader", {}).get("grade"):
            continue
        tree = ast.parse(cell.source)
        body = [node for node in tree.body if isinstance(node, KEEP)]
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


def run(exercise, ns):
    names, fn = EXERCISES[exercise]
    fn(*(ns[n] for n in names))


def catalogue(kind: str):
    paths = sorted(glob.glob(os.path.join(CATALOGUE, kind, "*", "*.py")))
    # conceptual questions have a form-only self-check, tested in test_checks_concepts.py
    paths = [p for p in paths if os.path.basename(os.path.dirname(p)) in EXERCISES]
    return [pytest.param(p, id=os.path.relpath(p, os.path.join(CATALOGUE, kind))[:-3]) for p in paths]


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_solution_passes_with_ticks_and_closing_note(exercise, solution_ns, capsys):
    """Does each self-check pass on the solution, printing ✓ lines and the closing note?"""
    run(exercise, solution_ns)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) >= 3 and all(line.startswith("\u2713 ") for line in lines[:-1]), lines
    assert lines[-1] == FINAL_NOTE


def test_numerical_gradient_check_passes_on_the_solution(solution_ns, capsys):
    """Does the (ungraded) numerical_gradient self-check pass on the solution?"""
    check.numerical_gradient(solution_ns["numerical_gradient"])
    assert capsys.readouterr().out.strip().endswith(FINAL_NOTE)


@pytest.mark.parametrize("path", catalogue("alternatives"))
def test_correct_alternatives_pass(path, solution_ns, capsys):
    """Does every correct alternative implementation pass its self-check?"""
    run(os.path.basename(os.path.dirname(path)), load_answer(path, solution_ns))
    assert capsys.readouterr().out.strip().endswith(FINAL_NOTE)


@pytest.mark.parametrize("path", catalogue("mistakes"))
def test_mistakes_fail_with_a_useful_message(path, solution_ns, capsys):
    """Does a known-wrong implementation fail its self-check, saying what, expected vs got, and a hint?"""
    exercise = os.path.basename(os.path.dirname(path))
    key = f"{exercise}/{os.path.basename(path)[:-3]}"
    ns = load_answer(path, solution_ns)
    if key in UNSEEN_BY_SELF_CHECK:
        try:
            run(exercise, ns)
        except CheckFailed:
            pass
        return
    with pytest.raises(Exception) as info:
        run(exercise, ns)
    err = info.value
    assert not isinstance(err, NotImplementedError)
    if isinstance(err, CheckFailed):
        text = str(err)
        assert ":" in text.splitlines()[0], text
        assert "Hint:" in text, text
        assert FINAL_NOTE not in capsys.readouterr().out


def _stub(*args, **kwargs):
    raise NotImplementedError()


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_not_implemented_propagates(exercise):
    """Does an unfinished exercise make the self-check cell fail with NotImplementedError?"""
    names, fn = EXERCISES[exercise]
    with pytest.raises(NotImplementedError):
        fn(*(_stub for _ in names))
    with pytest.raises(NotImplementedError):
        check.numerical_gradient(_stub)


def _wrong_numerical_gradients():
    def one_sided(f, x, h=1e-5):
        g = np.zeros(x.shape)
        base = f(x)
        for idx in np.ndindex(x.shape):
            old = x[idx]
            x[idx] = old + h
            g[idx] = (f(x) - base) / h
            x[idx] = old
        return g

    def no_restore(f, x, h=1e-5):
        g = np.zeros(x.shape)
        for idx in np.ndindex(x.shape):
            x[idx] += h
            fp = f(x)
            x[idx] -= 2 * h
            g[idx] = (fp - f(x)) / (2 * h)
        return g

    def on_a_copy(f, x, h=1e-5):
        g = np.zeros(x.shape)
        for idx in np.ndindex(x.shape):
            xp, xm = x.copy(), x.copy()
            xp[idx] += h
            xm[idx] -= h
            g[idx] = (f(xp) - f(xm)) / (2 * h)
        return g

    def fixed_h(f, x, h=1e-5):
        return _ng(f, x, 1e-5)

    def _ng(f, x, h):
        g = np.zeros(x.shape)
        for idx in np.ndindex(x.shape):
            old = x[idx]
            x[idx] = old + h
            fp = f(x)
            x[idx] = old - h
            g[idx] = (fp - f(x)) / (2 * h)
            x[idx] = old
        return g

    return {"one-sided": (one_sided, "one-sided"), "no restore": (no_restore, "back"),
            "copy": (on_a_copy, "in place"), "fixed h": (fixed_h, "step h")}


@pytest.mark.parametrize("name", ["one-sided", "no restore", "copy", "fixed h"])
def test_numerical_gradient_check_names_the_mistake(name):
    """Does the numerical_gradient self-check reject the classic mistakes, naming them?"""
    fn, words = _wrong_numerical_gradients()[name]
    with pytest.raises(CheckFailed) as info:
        check.numerical_gradient(fn)
    assert words in str(info.value)


def test_check_failed_is_an_assertion_error():
    """Does nbgrader's Validate see a failed self-check as a failing cell?"""
    assert issubclass(CheckFailed, AssertionError)


@pytest.mark.parametrize("mistake, words", [
    ("differences/two_sided_divides_by_h", "2h apart"),
    ("differences/precedence", "precedence"),
    ("differences/one_sided_divides_by_2h", "h apart"),
    ("relative_error/mean_not_max", "max, not the mean"),
    ("relative_error/no_denominator", "absolute error"),
    ("relative_error/no_zero_guard", "tiny"),
    ("relative_error/per_entry_array", "one number"),
    ("tanh_layer_gradcheck/ignores_h", "h"),
    ("find_bugs/flat_index", "unravel_index"),
    ("find_bugs/any_difference", "tol"),
    ("find_bugs/absolute_worst", "relative"),
])
def test_hints_name_the_mistake(mistake, words, solution_ns):
    """Does the message point at the actual mistake?"""
    exercise, _ = mistake.split("/")
    ns = load_answer(os.path.join(CATALOGUE, "mistakes", mistake + ".py"), solution_ns)
    with pytest.raises(CheckFailed) as info:
        run(exercise, ns)
    assert words in str(info.value)
