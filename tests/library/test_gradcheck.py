"""Gradient checking itself: finite differences, relative error, layer and model checks."""

import numpy as np
import pytest

from nncourse import gradcheck as G
from nncourse.layers import Dropout, Layer, Linear, ReLU, Sequential, Tanh
from nncourse.losses import softmax_cross_entropy


def test_numerical_gradient_of_quadratic():
    """For f(x) = sum(x^2) on a 2-D array, is the estimate 2x (exact for a quadratic up to round-off)?"""
    x = np.arange(6.0).reshape(2, 3)
    g = G.numerical_gradient(lambda v: np.sum(v ** 2), x)
    assert g.shape == (2, 3)
    assert np.allclose(g, 2 * x, atol=1e-8)


def test_numerical_gradient_restores_x_even_on_error():
    """Is x left exactly as it was, after success and after f raising?"""
    x = np.array([0.1, 0.2, 0.3])
    before = x.copy()
    G.numerical_gradient(lambda v: float(np.prod(v)), x)
    assert np.array_equal(x, before)

    def boom(v):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        G.numerical_gradient(boom, x)
    assert np.array_equal(x, before)


def test_numerical_gradient_reads_through_closure():
    """Does perturbing in place let f read a parameter from a closure (as for layer weights)?"""
    W = np.array([[1.0, 2.0]])
    g = G.numerical_gradient(lambda _: float(np.sum(W ** 3)), W)
    assert np.allclose(g, 3 * W ** 2, rtol=1e-8)


def test_numerical_gradient_errors():
    """Are non-arrays, float32 arrays and non-scalar f rejected with a hint?"""
    with pytest.raises(TypeError, match=r"x must be a NumPy array .* got list"):
        G.numerical_gradient(np.sum, [1.0, 2.0])
    with pytest.raises(TypeError, match=r"x has dtype float32, expected float64"):
        G.numerical_gradient(np.sum, np.zeros(2, dtype=np.float32))
    with pytest.raises(TypeError, match=r"f must return a scalar, got ndarray of shape \(2,\)"):
        G.numerical_gradient(lambda v: v * 2, np.zeros(2))
    with pytest.raises(ValueError, match=r"h must be a positive number"):
        G.numerical_gradient(np.sum, np.zeros(2), h=0)


def test_rel_error_definition():
    """Is rel_error the max of |a-b| / max(|a|+|b|, tiny), as a Python float?"""
    a = np.array([1.0, 0.0, 2.0])
    b = np.array([1.0, 0.0, 1.0])
    # entries: 0/2, 0/tiny = 0, 1/3
    e = G.rel_error(a, b)
    assert isinstance(e, float) and np.isclose(e, 1 / 3)
    assert G.rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert G.rel_error([1.0], [-1.0]) == 1.0
    assert G.rel_error(np.array([1e-13]), np.array([0.0])) == pytest.approx(0.1)


def test_rel_error_shape_mismatch():
    """Does a shape mismatch name both shapes?"""
    with pytest.raises(ValueError, match=r"a has shape \(2, 3\) but b has shape \(3, 2\)"):
        G.rel_error(np.zeros((2, 3)), np.zeros((3, 2)))


def test_check_layer_report():
    """Does check_layer report x, W and b with tiny errors for a correct Linear layer?"""
    rng = np.random.default_rng(0)
    report = G.check_layer(Linear.create(3, 2, rng), rng.normal(size=(4, 3)), rng=rng)
    assert set(report) == {"x", "W", "b"}
    assert report.passed(1e-7) and report.worst < 1e-7
    assert "rel. error" in str(report)


class WrongLinear(Linear):
    """A classic mistake: forgetting to sum the bias gradient over the batch."""

    def backward(self, grad_out):
        dx = super().backward(grad_out)
        self.db = grad_out[0]
        return dx


def test_check_layer_catches_a_wrong_gradient():
    """Does the check single out the one wrong gradient (db) and pass the others?"""
    rng = np.random.default_rng(1)
    W = rng.normal(size=(3, 2))
    report = G.check_layer(WrongLinear(W, np.zeros(2)), rng.normal(size=(5, 3)))
    assert report["b"] > 1e-2
    assert report["W"] < 1e-7 and report["x"] < 1e-7
    assert not report.passed()


def test_check_model_sequential():
    """Does check_model pass for a small Tanh/ReLU network with softmax cross-entropy?"""
    rng = np.random.default_rng(2)
    model = Sequential(Linear.create(3, 5, rng, init="xavier"), Tanh(), Linear.create(5, 4, rng), ReLU(),
                       Linear.create(4, 3, rng))
    x = rng.normal(size=(6, 3))
    report = G.check_model(model, softmax_cross_entropy, x, rng.integers(0, 3, size=6))
    assert set(report) == {"x", "0.W", "0.b", "2.W", "2.b", "4.W", "4.b"}
    assert report.worst < 1e-7


def test_check_refuses_dropout_in_training_mode():
    """Is a model with dropout in training mode refused, and accepted after eval()?"""
    rng = np.random.default_rng(3)
    model = Sequential(Linear.create(2, 3, rng), Dropout(0.5, rng), Linear.create(3, 2, rng))
    x, y = rng.normal(size=(4, 2)), np.array([0, 1, 1, 0])
    with pytest.raises(ValueError, match=r"Dropout is in training mode .* call \.eval\(\) first"):
        G.check_model(model, softmax_cross_entropy, x, y)
    assert G.check_model(model.eval(), softmax_cross_entropy, x, y).worst < 1e-7


def test_check_layer_needs_float64_params():
    """Is a float32 layer refused, since finite differences need float64?"""
    rng = np.random.default_rng(4)
    layer = Linear.create(2, 2, rng, dtype=np.float32)
    with pytest.raises(TypeError, match=r"parameter 'W' has dtype float32, expected a float64 array"):
        G.check_layer(layer, np.zeros((1, 2)))


def test_check_layer_rng_type():
    """Is a seed passed as rng refused with a hint to use default_rng?"""
    with pytest.raises(TypeError, match=r"rng must be a numpy.random.Generator, got int; pass "
                                        r"np.random.default_rng\(3\)"):
        G.check_layer(Layer(), np.zeros((1, 2)), rng=3)
