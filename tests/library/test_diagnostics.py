"""Tests for nncourse.diagnostics: the sanity checks of lesson 11 as reference functions."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from nncourse import diagnostics as D
from nncourse.data import load_digits
from nncourse.layers import Dropout, Linear, ReLU, Sequential
from nncourse.optim import SGD, Adam


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits()
    return X[:400], y[:400]


class WrongBias(Linear):
    """A Linear layer whose bias gradient forgets to sum over the batch (takes row 0)."""

    def backward(self, grad_out):
        dx = super().backward(grad_out)
        self.db = grad_out[0].copy()
        return dx


# -- build_mlp -----------------------------------------------------------------------

def test_build_mlp_structure_and_he_scale():
    model = D.build_mlp([64, 300, 200, 10], np.random.default_rng(0))
    kinds = [type(layer).__name__ for layer in model]
    assert kinds == ["Linear", "ReLU", "Linear", "ReLU", "Linear"]
    params = model.params()
    assert params["0.W"].shape == (64, 300) and params["4.W"].shape == (200, 10)
    assert np.std(params["2.W"]) == pytest.approx(np.sqrt(2 / 300), rel=0.05)
    assert not params["0.b"].any()


def test_build_mlp_rejects_bad_sizes():
    with pytest.raises(ValueError, match="at least the input size"):
        D.build_mlp([10], np.random.default_rng(0))
    with pytest.raises(ValueError, match="sizes\\[1\\] must be >= 1"):
        D.build_mlp([10, 0, 3], np.random.default_rng(0))
    with pytest.raises(TypeError, match="numpy.random.Generator"):
        D.build_mlp([10, 3], 0)


# -- initial loss --------------------------------------------------------------------

def test_initial_loss_is_log_k_for_zero_weights_and_near_it_for_he(digits):
    X, y = digits
    zero = Sequential(Linear(np.zeros((64, 10)), np.zeros(10)))
    loss, expected = D.initial_loss(zero, X, y)
    assert expected == pytest.approx(np.log(10))
    assert loss == pytest.approx(np.log(10), abs=1e-12)          # uniform softmax: exactly log K
    he_loss, _ = D.initial_loss(D.build_mlp([64, 100, 10], np.random.default_rng(1)), X, y)
    assert abs(he_loss - np.log(10)) < 0.5
    big = D.build_mlp([64, 100, 10], np.random.default_rng(1))
    for k, p in big.params().items():
        if k.endswith("W"):
            p *= 10
    assert D.initial_loss(big, X, y)[0] > 10 * np.log(10)


def test_initial_loss_rejects_labels_of_the_wrong_length(digits):
    X, y = digits
    with pytest.raises(ValueError, match="labels, expected 400"):
        D.initial_loss(D.build_mlp([64, 10], np.random.default_rng(0)), X, y[:10])
    with pytest.raises(TypeError, match="must be a Layer"):
        D.initial_loss("model", X, y)


# -- gradient check ------------------------------------------------------------------

def test_gradient_check_passes_a_correct_model_and_catches_a_wrong_bias_gradient(digits):
    X, y = digits
    rng = np.random.default_rng(2)
    good = D.build_mlp([64, 8, 8, 10], rng)
    report = D.gradient_check(good, X, y, n=4)
    assert set(report) == {"x", "0.W", "0.b", "2.W", "2.b", "4.W", "4.b"}
    assert report.passed(1e-6)
    bad = Sequential(WrongBias(rng.normal(size=(64, 8)) * 0.2, np.zeros(8)), ReLU(), Linear.create(8, 10, rng))
    report = D.gradient_check(bad, X, y, n=4)
    assert report["0.b"] > 1e-3 and report["2.W"] < 1e-7


def test_gradient_check_uses_eval_mode_and_restores_it(digits):
    X, y = digits
    rng = np.random.default_rng(3)
    model = Sequential(Linear.create(64, 8, rng), ReLU(), Dropout(0.5, rng), Linear.create(8, 10, rng))
    model.train()
    assert D.gradient_check(model, X, y, n=3).passed(1e-6)
    assert model.training and model[2].training


# -- overfitting a subset ------------------------------------------------------------

def test_overfit_subset_memorises_twenty_digits(digits):
    X, y = digits
    model = D.build_mlp([64, 100, 100, 10], np.random.default_rng(3))
    acc, history = D.overfit_subset(model, Adam(lr=1e-2), X, y, n=20, epochs=150)
    assert acc == 1.0
    assert history.train_loss[-1] < 0.01 < history.train_loss[0]


def test_overfit_subset_fails_with_a_learning_rate_far_too_small(digits):
    X, y = digits
    model = D.build_mlp([64, 100, 100, 10], np.random.default_rng(3))
    acc, _ = D.overfit_subset(model, SGD(lr=1e-6), X, y, n=20, epochs=50)
    assert acc < 1.0


def test_overfit_subset_rejects_n_larger_than_the_data(digits):
    X, y = digits
    with pytest.raises(ValueError, match="n=500 but X has only 400"):
        D.overfit_subset(D.build_mlp([64, 10], np.random.default_rng(0)), Adam(), X, y, n=500)


# -- update ratios -------------------------------------------------------------------

def test_update_ratios_worked_example():
    before = {"0.W": np.array([[3.0, 4.0]]), "0.b": np.array([1.0, 1.0]), "2.W": np.array([[1.0], [0.0]])}
    after = {"0.W": np.array([[3.0, 4.5]]), "0.b": np.array([9.0, 9.0]), "2.W": np.array([[1.0], [0.0]])}
    # ||dW|| = 0.5, ||W|| = 5  ->  0.1; the bias is ignored; an unchanged layer gives 0
    assert D.update_ratios(before, after) == {"0.W": pytest.approx(0.1), "2.W": 0.0}


def test_update_ratios_of_a_zero_matrix_and_bad_input():
    assert D.update_ratios({"W": np.zeros((2, 2))}, {"W": np.ones((2, 2))}) == {"W": float("inf")}
    assert D.update_ratios({"W": np.zeros((2, 2))}, {"W": np.zeros((2, 2))}) == {"W": 0.0}
    with pytest.raises(ValueError, match="same keys"):
        D.update_ratios({"W": np.ones(2)}, {"V": np.ones(2)})
    with pytest.raises(ValueError, match="has shape"):
        D.update_ratios({"W": np.ones((2, 2))}, {"W": np.ones((2, 3))})


# -- dead units ----------------------------------------------------------------------

def test_dead_fraction_counts_units_off_for_every_example_including_exact_zeros():
    W1 = np.array([[1.0, 0.0, -1.0, 1.0], [0.0, 0.0, -1.0, -1.0]])
    b1 = np.array([0.0, 0.0, -5.0, 0.0])
    W2 = np.ones((4, 2))
    b2 = np.array([0.0, -100.0])
    model = Sequential(Linear(W1, b1), ReLU(), Linear(W2, b2), ReLU(), Linear(np.ones((2, 3)), np.zeros(3)))
    X = np.array([[1.0, 0.5], [-1.0, 0.2], [0.3, 2.0]])
    # layer 1: unit 0 fires for row 0; unit 1 has Z = 0 exactly (dead); unit 2 is negative (dead);
    # unit 3 fires for row 0 (1 - 0.5 > 0): 2 of 4 dead.  Layer 2: unit 1 has bias -100: 1 of 2 dead.
    assert D.dead_fraction(model, X) == [0.5, 0.5]


def test_dead_fraction_restores_training_mode_and_ignores_dropout():
    rng = np.random.default_rng(4)
    model = Sequential(Linear.create(5, 6, rng), ReLU(), Dropout(0.9, rng), Linear.create(6, 2, rng)).train()
    X = rng.normal(size=(50, 5))
    first = D.dead_fraction(model, X)
    assert first == D.dead_fraction(model, X)      # dropout off: no random zeros
    assert model.training


# -- tracing a run -------------------------------------------------------------------

def test_trace_training_records_the_ratio_of_each_real_sgd_step(digits):
    X, y = digits
    model = D.build_mlp([64, 16, 16, 10], np.random.default_rng(5))
    W0 = model.params()["0.W"].copy()
    trace = D.trace_training(model, SGD(lr=0.1), X, y, steps=7, batch_size=64, rng=np.random.default_rng(6))
    assert trace.names == ["0.W", "2.W", "4.W"]
    assert trace.ratios.shape == (7, 3) and trace.dead.shape == (8, 2) and trace.loss.shape == (7,)
    # replay the first step by hand with the same shuffle
    replay = D.build_mlp([64, 16, 16, 10], np.random.default_rng(5))
    idx = np.random.default_rng(6).permutation(len(X))[:64]
    from nncourse.losses import softmax_cross_entropy
    _, g = softmax_cross_entropy(replay.forward(X[idx]), y[idx])
    replay.backward(g)
    dW = replay.grads()["0.W"]
    assert trace.ratios[0, 0] == pytest.approx(0.1 * np.linalg.norm(dW) / np.linalg.norm(W0))
    assert trace.summary()["ratio"].keys() == {"0.W", "2.W", "4.W"}


def test_trace_training_large_learning_rate_kills_more_units(digits):
    X, y = digits
    out = {}
    for lr in (1e-3, 1e-1):
        rng = np.random.default_rng(7)
        model = D.build_mlp([64, 32, 32, 32, 10], rng)
        trace = D.trace_training(model, Adam(lr=lr), X, y, steps=60, batch_size=32, rng=rng)
        out[lr] = trace
    # Adam's steps are about lr per entry: early ratios scale with the learning rate
    assert np.median(out[1e-1].ratios[:10]) > 10 * np.median(out[1e-3].ratios[:10])
    assert out[1e-1].dead[-1].mean() > out[1e-3].dead[-1].mean() + 0.2


def test_plot_layer_health_draws_one_line_per_layer(digits):
    X, y = digits
    rng = np.random.default_rng(8)
    trace = D.trace_training(D.build_mlp([64, 8, 8, 10], rng), Adam(lr=1e-3), X, y, steps=5, batch_size=32, rng=rng)
    fig = D.plot_layer_health(trace, title="t")
    ax0, ax1 = fig.axes
    assert len(ax0.get_lines()) == 1 + 3          # the 1e-3 guide and three layers
    assert len(ax1.get_lines()) == 2
    assert ax0.get_yscale() == "log"
    with pytest.raises(TypeError, match="LayerTrace"):
        D.plot_layer_health({"ratios": []})
    matplotlib.pyplot.close(fig)
