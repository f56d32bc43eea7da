"""The power of the hidden suites: mutation testing, confirmed hints and boundary inputs."""

import ast
import os

import numpy as np
import pytest

from nncourse._compare import diagnose, matches
from nncourse.grading import testing as T
from nncourse.grading.mutate import _same, exercise_names, measure, mutants, reference_source

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SOURCE = '''
def step(W, dW, lr):
    W = W - lr * dW
    out = W.copy()
    return out.sum(axis=0) / W.shape[0] if lr > 0 else out[1:]
'''


def test_mutants_cover_every_kind_and_each_compiles():
    ms = mutants(SOURCE)
    kinds = {m.kind for m in ms}
    assert kinds == {"operator", "constant", "comparison", "axis", "slice", "call", "in-place"}
    labels = {m.label for m in ms}
    assert {"Sub -> Add", "Gt -> GtE", "axis=0 -> 1", "drop axis=", "drop .copy()", "x = x OP y -> x OP= y",
            ".sum -> .mean", "lower bound + 1"} <= labels
    for m in ms:
        compile(m.source, "<mutant>", "exec")
    assert len({m.source for m in ms}) == len(ms), "no two mutants are the same code"
    assert all(ast.unparse(ast.parse(m.source)) != ast.unparse(ast.parse(SOURCE)) for m in ms)


def test_in_place_mutants_change_the_callers_array():
    """x = x - y becomes x -= y; an operation on a parameter becomes operator.isub(param, ...)."""
    ms = {m.label: m.source for m in mutants(SOURCE)}
    ns = {}
    exec(ms["x = x OP y -> x OP= y"], ns)
    W = np.ones((2, 2))
    ns["step"](W, np.ones((2, 2)), 0.5)
    assert np.all(W == 0.5)
    inplace = [s for label, s in ms.items() if label.startswith("W Sub") or label.startswith("W ")]
    assert inplace, ms.keys()


def test_answers_within_1e9_are_the_same_and_effects_count():
    a = {"ok": 1.0, "effects": {"mutated": [], "result_aliases": [], "state_aliases": [], "warnings": [],
                                "dtypes": {"": "float64"}}}
    b = {"ok": 1.0 + 1e-12, "effects": {**a["effects"], "dtypes": {"": "float"}}}
    assert _same(a, b)
    c = {"ok": 1.0, "effects": {**a["effects"], "mutated": [{"name": "W"}]}}
    assert not _same(a, c)
    assert not _same({"ok": 1.0}, {"ok": 1.001})


def test_diagnose_names_a_mistake_only_when_it_is_confirmed():
    expected = np.array([1.0, 2.0, 3.0])
    variants = [("summed, not averaged", lambda: expected * 3), ("sign flipped", -expected)]
    assert diagnose(expected * 3, expected, variants, "neutral") == "summed, not averaged"
    assert diagnose(-expected, expected, variants, "neutral") == "sign flipped"
    # close to a variant is not enough, and a right answer gets no diagnosis
    assert diagnose(expected * 3 + 0.01, expected, variants, "neutral") == "neutral"
    assert diagnose(expected, expected, variants, "neutral") == "neutral"
    # a variant that equals the right answer on this input is no diagnosis
    zero = np.zeros(3)
    assert diagnose(np.ones(3), zero, [("always", zero), ("ones", np.ones(3))], None) == "ones"
    # a variant that cannot be computed is skipped
    assert diagnose(-expected, expected, [("broken", lambda: 1 / 0), ("sign", -expected)]) == "sign"
    assert matches((1.0, np.ones(2)), (1.0, np.ones(2))) and not matches((1.0,), (1.0, 2.0))
    assert matches({"W": np.ones(2)}, {"W": np.ones(2)}) and not matches({"W": 1.0}, {"b": 1.0})


def test_boundary_generators_always_draw_their_boundary():
    for seed in range(20):
        rng = np.random.default_rng(seed)
        z = T.with_kinks(rng, (4, 5))
        assert (z == 0.0).sum() >= 1
        w = T.wide_range(rng, (5, 6), limit=1e4)
        for m in (709.0 + 1, 745.0, 1e4):
            assert m in w and -m in w
        assert 0.0 in w
        ties = T.with_ties(rng, 6)
        assert (ties == ties.min()).sum() >= 2
        t = T.labels_missing_class(rng, 7, 4)
        assert set(t) == {0, 1, 2} and t.dtype == np.int64
        r = T.with_repeats(rng, 9)
        assert len(np.unique(r)) < 9
    with pytest.raises(ValueError, match="n >= 3"):
        T.with_ties(np.random.default_rng(0), 2)


def test_reference_of_an_exercise_is_taken_from_the_solution():
    assert exercise_names(ROOT, "04-backprop", "linear") == ["Linear"]
    src = reference_source(ROOT, "04-backprop", ["Linear"])
    assert src.startswith("class Linear") and "def backward" in src


@pytest.mark.slow
def test_the_sigmoid_layer_suite_kills_every_mutant():
    """Measured in process (no sandbox): every non-equivalent mutant of 04's Sigmoid loses points."""
    rep = measure(ROOT, "04-backprop", "sigmoid", engine=False)
    assert rep.generated >= 10
    assert rep.killed + rep.survived + rep.equivalent == rep.generated
    assert rep.survived == 0, [m.label for m in rep.mutants if m.status == "survived"]
    # the in-place mutant (grad_out *= ...) is killed by the side-effect check
    inplace = [m for m in rep.mutants if m.kind == "in-place"]
    assert inplace and all(m.status == "killed" for m in inplace)
    assert any("in place" in m.detail for m in inplace)
