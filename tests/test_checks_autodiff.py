"""Do the self-checks of lesson 09 (``nncourse.checks.autodiff``) help students?

They must pass, printing a ✓ line per check and the closing note, on the
solution and on every correct alternative of the mistake catalogue; fail with a
:class:`~nncourse.checks.CheckFailed` that says what was checked and gives a
hint on the wrong implementations they can see on their small examples; and
let an unfinished exercise's ``NotImplementedError`` through.

A mistake file redefines some of the notebook's names (``unbroadcast`` alone,
say), and the notebook's other functions look names up in their module
globals, so each answer is loaded into a fresh namespace of its own.
"""

from __future__ import annotations

import ast
import glob
import os

import nbformat
import pytest

from nncourse.checks import FINAL_NOTE, CheckFailed
from nncourse.checks import autodiff as check

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(REPO, "solutions", "09-autodiff", "09-autodiff.ipynb")
CATALOGUE = os.path.join(REPO, "autograder", "09-autodiff")

# grade_id of the grade cell -> the self-check, called on the notebook's namespace
EXERCISES = {
    "tensor_ops": lambda ns: check.tensor_ops(ns["unbroadcast"], ns["add"], ns["mul"], ns["Tensor"]),
    "matmul": lambda ns: check.matmul(ns["matmul"], ns["Tensor"]),
    "nonlinear_ce": lambda ns: check.nonlinear_ce(ns["tanh"], ns["relu"], ns["softmax_cross_entropy"], ns["Tensor"]),
    "backprop": lambda ns: check.backprop(ns["topo_sort"], ns["backprop"], ns["Tensor"]),
    "train_step": lambda ns: check.train_step(ns["MLP"]),
    "fan_out_question": lambda ns: check.fan_out_question(ns["wrong_if_overwritten"]),
    "jacobian_passes": lambda ns: check.jacobian_passes(ns["jacobian_passes"]),
}

# Mistakes the small self-check examples cannot show; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    "nonlinear_ce/relu_zeroes_its_input", "train_step/returns_zero_d_array",   # z reused, a 0-d array loss
    "matmul/overwrites",                         # needs a weight used twice
    "backprop/breadth_first",                    # needs a skip connection around a non-leaf node
    "backprop/preorder",                         # idem
    "jacobian_passes/swapped", "jacobian_passes/one_each", "jacobian_passes/reverse_always_one",
    "jacobian_passes/forward_always_one", "jacobian_passes/finite_difference_count",
    "jacobian_passes/entries_of_jacobian", "jacobian_passes/min_max",       # the self-check checks the form only
    "fan_out_question/two_children_only", "fan_out_question/x_only", "fan_out_question/a_only",
    "fan_out_question/every_node", "fan_out_question/children_of_fan_out", "fan_out_question/leaves",
    "fan_out_question/nothing", "fan_out_question/includes_b",              # idem
}

KEEP = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.Assign)


def notebook_namespace(extra: str | None = None) -> dict:
    """What grading sees of the solution notebook (grade cells excluded), then ``extra`` on top."""
    nb = nbformat.read(SOURCE, as_version=4)
    ns: dict = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("grade"):
            continue
        body = [node for node in ast.parse(cell.source).body if isinstance(node, KEEP)]
        exec(compile(ast.Module(body=body, type_ignores=[]), "<cell>", "exec"), ns)
    if extra is not None:
        with open(extra, encoding="utf-8") as fh:
            exec(compile(fh.read(), extra, "exec"), ns)
    return ns


def catalogue(kind: str):
    paths = sorted(glob.glob(os.path.join(CATALOGUE, kind, "*", "*.py")))
    return [pytest.param(p, id=os.path.relpath(p, os.path.join(CATALOGUE, kind))[:-3]) for p in paths]


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_solution_passes_with_ticks_and_closing_note(exercise, capsys):
    """Does each self-check pass on the solution, printing ✓ lines and the closing note?"""
    EXERCISES[exercise](notebook_namespace())
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) >= 2 and all(line.startswith("\u2713 ") for line in lines[:-1]), lines
    assert lines[-1] == FINAL_NOTE


@pytest.mark.parametrize("path", catalogue("alternatives"))
def test_correct_alternatives_pass(path, capsys):
    """Does every correct alternative implementation pass its self-check?"""
    exercise = os.path.basename(os.path.dirname(path))
    EXERCISES[exercise](notebook_namespace(path))
    assert capsys.readouterr().out.strip().endswith(FINAL_NOTE)


@pytest.mark.parametrize("path", catalogue("mistakes"))
def test_mistakes_fail_with_a_useful_message(path, capsys):
    """Does a known-wrong implementation fail its self-check, saying what, expected vs got, and a hint?"""
    exercise = os.path.basename(os.path.dirname(path))
    key = f"{exercise}/{os.path.basename(path)[:-3]}"
    ns = notebook_namespace(path)
    if key in UNSEEN_BY_SELF_CHECK:
        EXERCISES[exercise](ns)
        return
    with pytest.raises(Exception) as info:
        EXERCISES[exercise](ns)
    err = info.value
    assert not isinstance(err, NotImplementedError)
    if isinstance(err, CheckFailed):
        text = str(err)
        assert ":" in text.splitlines()[0], text
        assert "Hint:" in text, text
        assert FINAL_NOTE not in capsys.readouterr().out


def _stub(*args, **kwargs):
    raise NotImplementedError()


class _StubMLP:
    def __init__(self, *args):
        pass

    forward = train_step = values = _stub


@pytest.mark.parametrize("exercise", sorted(set(EXERCISES) - {"fan_out_question"}))
def test_not_implemented_propagates(exercise):
    """Does an unfinished exercise make the self-check cell fail with NotImplementedError?"""
    ns = notebook_namespace()
    names = {"tensor_ops": ["unbroadcast", "add", "mul"], "matmul": ["matmul"],
             "nonlinear_ce": ["tanh", "relu", "softmax_cross_entropy"], "backprop": ["topo_sort", "backprop"],
             "train_step": [], "jacobian_passes": ["jacobian_passes"]}[exercise]
    for name in names:
        ns[name] = _stub
    ns["MLP"] = _StubMLP
    with pytest.raises(NotImplementedError):
        EXERCISES[exercise](ns)


def test_unanswered_question_is_not_implemented():
    """Does Question A left at None fail like an unfinished exercise, not with a TypeError?"""
    with pytest.raises(NotImplementedError, match="Question A is not answered yet"):
        check.fan_out_question(None)


@pytest.mark.parametrize("mistake, words", [
    ("tensor_ops/unbroadcast_mean", "unbroadcast"),
    ("tensor_ops/add_overwrites", "+="),
    ("tensor_ops/mul_grads_swapped", "d(a*b)/da = b"),
    ("matmul/divides_by_batch", "B.grad += A.T @ out.grad"),
    ("nonlinear_ce/relu_mask_at_zero", "z > 0"),
    ("nonlinear_ce/ce_ignores_upstream", "out.grad"),
    ("nonlinear_ce/ce_unstable", "maximum"),
    ("backprop/recursive_visits_twice", "ran twice"),
    ("backprop/no_visited_set", "visited"),
    ("backprop/resets_all_grads", "accumulate"),
    ("backprop/ignores_given_seed", "given grad"),
    ("train_step/no_zero_grad", "zero every parameter's grad"),
])
def test_hints_name_the_mistake(mistake, words):
    """Does the message point at the actual mistake?"""
    exercise = mistake.split("/")[0]
    with pytest.raises(CheckFailed) as info:
        EXERCISES[exercise](notebook_namespace(os.path.join(CATALOGUE, "mistakes", mistake + ".py")))
    assert words in str(info.value)


def test_fan_out_question_rejects_unknown_names_and_strings():
    with pytest.raises(CheckFailed, match="not node names"):
        check.fan_out_question(["x", "z"])
    with pytest.raises(CheckFailed, match="list of node names"):
        check.fan_out_question("a, x")
