"""The claims lesson 09-autodiff makes about its figures and printed results, checked by running its code.

The solution notebook's top-level definitions are loaded (as grading loads
them) and its functions are called with the notebook's seeds; nothing is
drawn.  Timings are not asserted (the figure of reverse against forward mode
says that its times are machine-dependent); the pass counts behind it are.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

from nncourse import autodiff as ref

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def nb(solution_namespace):
    """The solution notebook's top-level definitions, loaded as grading loads them."""
    return solution_namespace("09-autodiff")


def small(nb, x, y):
    return nb["small_expression"](x, y, nb["Tensor"], {"mul": nb["mul"], "add": nb["add"], "tanh": nb["tanh"]})[1]


def test_worked_sum_gives_ones(nb):
    """Section 1: the closure of tensor_sum gives every entry the output's signal, 1."""
    x = nb["Tensor"](np.array([[1.0, 2.0], [3.0, 4.0]]))
    s = nb["tensor_sum"](x)
    s.grad = np.array(1.0)
    s.backward_fn()
    assert float(s.value) == 10.0 and np.array_equal(x.grad, np.ones((2, 2)))


def test_graph_picture_signals_follow_the_rules_in_the_prose(nb):
    """Section 6: b-bar = c, c-bar = b, a-bar = b-bar + c-bar (1 - c^2), y-bar = a-bar x, x-bar = a-bar y + b-bar;
    at x = 1, y = -0.5 the prediction asked for is y-bar < 0; the student's engine draws what the reference draws."""
    n = small(nb, 1.0, -0.5)
    v = {k: float(t.value) for k, t in n.items()}
    g = {k: float(t.grad) for k, t in n.items()}
    assert g["b"] == pytest.approx(v["c"]) and g["c"] == pytest.approx(v["b"])
    assert g["a"] == pytest.approx(g["b"] + g["c"] * (1 - v["c"] ** 2))
    assert g["y"] == pytest.approx(g["a"] * 1.0) and g["x"] == pytest.approx(g["a"] * -0.5 + g["b"])
    assert g["y"] < 0
    f, rn = nb["small_expression"](1.0, -0.5, ref.Tensor, nb["REFERENCE_OPS"])
    assert all(float(rn[k].grad) == pytest.approx(g[k], rel=1e-12) for k in g)
    # the reference picture's labels (3 significant digits)
    assert (round(g["x"], 3), round(g["y"], 4), round(v["f"], 3)) == (-0.428, -0.0689, -0.231)


def test_slider_claims_at_y_zero_and_a_cancelling_point(nb):
    """Section 6: at y = 0, x-bar = 0 and y-bar = x^2; somewhere on the sliders' grid with y != 0 the two
    contributions to x-bar cancel (x-bar changes sign)."""
    for x in (-1.5, 0.7, 2.0):
        n = small(nb, x, 0.0)
        assert float(n["x"].grad) == 0.0 and float(n["y"].grad) == pytest.approx(x * x)
    grid = np.round(np.arange(-2, 2.01, 0.1), 10)
    signs = np.array([[np.sign(float(small(nb, x, y)["x"].grad)) for x in grid] for y in grid if y != 0])
    assert (signs > 0).any() and (signs < 0).any()


def test_overwriting_closures_spoil_exactly_a_x_and_y(nb):
    """Question A: with every closure assigning instead of adding, the wrong grads are those of a, x and y."""
    def overwrite(op):
        def make(*args):
            out = op(*args)
            parents, inner = out.parents, out.backward_fn

            def backward_fn():
                for p in parents:
                    p.grad = np.zeros_like(p.grad)
                inner()                           # adds into zeros: the same as assigning
            out.backward_fn = backward_fn
            return out
        return make

    _, right = nb["small_expression"](0.8, -0.6, ref.Tensor, nb["REFERENCE_OPS"])
    bad_ops = {k: overwrite(v) for k, v in nb["REFERENCE_OPS"].items()}
    _, wrong = nb["small_expression"](0.8, -0.6, ref.Tensor, bad_ops)
    differ = {k for k in right if not np.isclose(float(right[k].grad), float(wrong[k].grad))}
    assert differ == set(nb["wrong_if_overwritten"]) == {"a", "x", "y"}


def test_engine_matches_layers_and_finite_differences(nb, capsys):
    """Section 7: relative errors about 1e-10 or less against nncourse.layers, below 1e-7 against finite differences."""
    nb["compare_with_layers"]()
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if "rel. error" in line]
    assert len(rows) == 4
    for line in rows:
        vs_layers = float(line.split("vs layers")[1].split()[0])
        vs_fd = float(line.split("finite differences")[1].split()[0])
        assert vs_layers < 1e-10 and vs_fd < 1e-7, line


def test_spirals_same_arithmetic_as_the_reference_and_learned(nb):
    """Section 8: the student's engine and the reference engine, from the same weights, give the same curve;
    the loss falls at every step and the network separates the spirals (training accuracy above 95%)."""
    model, losses = nb["train_spirals"](nb["MLP"], steps=300)
    ref_model, ref_losses = nb["train_spirals"](nb["ReferenceMLP"], steps=300)
    np.testing.assert_allclose(losses, ref_losses, rtol=1e-10, atol=1e-12)
    model, losses = nb["train_spirals"](nb["MLP"])
    accuracy = np.mean(model.predict(nb["X_spiral"]) == nb["t_spiral"])
    assert accuracy > 0.95 and losses[-1] < 0.1 < losses[0]
    assert np.all(np.diff(losses) < 0), "the prose says the loss falls at every step"


def test_jacobian_pass_counts_and_agreement(nb):
    """Section 9 and Question B: m reverse passes, n forward passes, the same Jacobian."""
    costs = nb["jacobian_costs"](nb["NS"], m=16, repeats=1)
    assert costs[:, 1].tolist() == [16] * 4 and costs[:, 3].tolist() == nb["NS"]
    costs = nb["jacobian_costs"]([8, 32], m=1, repeats=1)
    assert costs[:, 1].tolist() == [1, 1] and costs[:, 3].tolist() == [8, 32]
    assert nb["jacobian_passes"](8, 3) == (3, 8)


def test_symbol_to_symbol_example(nb, capsys):
    """Section 10: f = x^3 at 3 gives 27 as a number; the derivative graph evaluates to 27 and its derivative is 18."""
    nb["symbol_demo"](3.0)
    out = capsys.readouterr().out
    assert "df/dx at 3 = 27" in out
    assert "evaluates to 27" in out and "d2f/dx2 = 18" in out
