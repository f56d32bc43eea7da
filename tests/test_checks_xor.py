"""Do the self-checks of lesson 02 (``nncourse.checks.xor``) help students?

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
from nncourse.checks import xor as check

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(REPO, "solutions", "02-xor", "02-xor.ipynb")
CATALOGUE = os.path.join(REPO, "autograder", "02-xor")

# grade_id of the grade cell -> (name defined by the exercise, self-check)
EXERCISES = {
    "xor_weights": ("xor_weights", check.xor_weights),
    "collapse_linear": ("collapse_linear", check.collapse_linear),
    "count_params": ("count_params", check.count_params),
    "width_depth_counts": ("width_depth_counts", check.width_depth_counts),
    "mlp_forward": ("mlp_forward", check.mlp_forward),
}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    "mlp_forward/global_max",       # needs rows near +1000 and -1000 in one batch
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


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_solution_passes_with_ticks_and_closing_note(exercise, solution_ns, capsys):
    """Does each self-check pass on the solution, printing ✓ lines and the closing note?"""
    name, run = EXERCISES[exercise]
    run(solution_ns[name])
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert len(lines) >= 3 and all(line.startswith("\u2713 ") for line in lines[:-1]), out
    assert lines[-1] == FINAL_NOTE


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


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_not_implemented_propagates(exercise):
    """Does an unfinished exercise make the self-check cell fail with NotImplementedError?"""
    _, run = EXERCISES[exercise]

    def stub(*args, **kwargs):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError):
        run(stub)


def test_xor_check_accepts_any_robust_weights(capsys):
    """Is the XOR check judged by the network's outputs, not by particular numbers?"""
    import numpy as np

    def weights():
        return {"W1": np.array([[3.0, -2.0], [3.0, -2.0]]), "b1": np.array([-1.5, 3.0]),
                "W2": np.array([[4.0], [4.0]]), "b2": np.array([-6.0])}    # OR, NAND, then AND

    check.xor_weights(weights)
    assert capsys.readouterr().out.strip().endswith(FINAL_NOTE)


@pytest.mark.parametrize("mistake, words", [
    ("xor_weights/on_the_threshold", "knife edge"),
    ("xor_weights/output_or", "which is OR"),
    ("xor_weights/xnor", "XNOR"),
    ("xor_weights/both_units_or", "OR, OR"),
    ("xor_weights/w2_flat", "(2, 1)"),
    ("collapse_linear/sum_of_biases", "Adding the biases up"),
    ("collapse_linear/last_bias_only", "earlier layers' biases"),
    ("collapse_linear/reversed_product", "in reverse"),
    ("count_params/no_biases", "biases are missing"),
    ("count_params/always_biases", "weights only"),
    ("count_params/L_times_H_squared", "L - 1"),
    ("count_params/no_output_biases", "K of them"),
    ("width_depth_counts/k_plus_2_matrices", "k + 1 weight matrices"),
    ("width_depth_counts/paths_hidden_and_output_only", "k + 2 layers"),
    ("width_depth_counts/numpy_int64", "Python ints"),
    ("width_depth_counts/swapped", "wrong order"),
    ("mlp_forward/relu_on_output", "No ReLU after the last layer"),
    ("mlp_forward/no_relu", "ReLU between the layers is missing"),
    ("mlp_forward/softmax_over_columns", "axis=1"),
    ("mlp_forward/unstable_softmax", "maximum"),
])
def test_hints_name_the_mistake(mistake, words, solution_ns):
    """Does the message point at the actual mistake?"""
    exercise, _ = mistake.split("/")
    name, run = EXERCISES[exercise]
    answer = load_answer(os.path.join(CATALOGUE, "mistakes", mistake + ".py"), solution_ns)[name]
    with pytest.raises(CheckFailed) as info:
        run(answer)
    assert words in str(info.value)
