"""Layers: the functional core, the classes, dropout, Sequential, error messages."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nncourse import layers as Ly
from nncourse.gradcheck import check_layer, numerical_gradient, rel_error


def test_linear_forward_worked_example():
    """Is out = x W + b, row by row?"""
    x = np.array([[1.0, 2.0]])
    W = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])
    b = np.array([0.5, 0.0, 1.0])
    out, cache = Ly.linear_forward(x, W, b)
    # [1*1 + 2*2 + .5, 1*0 + 2*1, 1*(-1) + 0 + 1]
    assert np.array_equal(out, [[5.5, 2.0, 0.0]])
    dx, dW, db = Ly.linear_backward(np.ones((1, 3)), cache)
    assert np.array_equal(dx, [[0.0, 3.0]])          # row sums of W
    assert np.array_equal(dW, [[1, 1, 1], [2, 2, 2]])  # x^T 1
    assert np.array_equal(db, [1, 1, 1])


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.integers(0, 1000))
def test_linear_functional_gradcheck(n, d, m, seed):
    """For random shapes, do dx, dW and db all match finite differences?"""
    rng = np.random.default_rng(seed)

    def unit(*shape):
        # Positive entries in [0.5, 1.5]: sums cannot cancel, so no gradient entry is so close to
        # zero that round-off alone fails an entrywise relative check (see nncourse.gradcheck).
        # A sign or transpose mistake in the layer still shows up as a large error.
        return rng.uniform(0.5, 1.5, size=shape)

    x, W, b, u = unit(n, d), unit(d, m), unit(m), unit(n, m)
    out, cache = Ly.linear_forward(x, W, b)
    assert out.shape == (n, m)
    dx, dW, db = Ly.linear_backward(u, cache)

    def f(_):
        return float(np.sum(Ly.linear_forward(x, W, b)[0] * u))

    assert rel_error(dx, numerical_gradient(f, x)) < 1e-7
    assert rel_error(dW, numerical_gradient(f, W)) < 1e-7
    assert rel_error(db, numerical_gradient(f, b)) < 1e-7


LAYERS = [
    lambda rng: Ly.Linear.create(4, 4, rng),
    lambda rng: Ly.Linear.create(4, 4, rng, init="xavier"),
    lambda rng: Ly.Sigmoid(),
    lambda rng: Ly.Tanh(),
    lambda rng: Ly.ReLU(),
    lambda rng: Ly.LeakyReLU(0.1),
    lambda rng: Ly.Softplus(),
    lambda rng: Ly.Maxout(2),
    lambda rng: Ly.Dropout(0.5, rng).eval(),
    lambda rng: Ly.Sequential(Ly.Linear.create(4, 6, rng), Ly.Tanh(), Ly.Linear.create(6, 4, rng)),
]


@pytest.mark.parametrize("make", LAYERS, ids=lambda f: "layer")
def test_every_layer_passes_gradcheck(make):
    """Does every layer's backward (input and parameters) pass a float64 check at rel. error < 1e-7?"""
    rng = np.random.default_rng(5)
    layer = make(rng)
    x = rng.normal(size=(3, 4))
    x = np.where(np.abs(x) < 1e-3, 0.5, x)  # keep off the ReLU kink
    report = check_layer(layer, x, rng=rng)
    assert report.worst < 1e-7, str(report)


def test_linear_params_and_grads_share_keys_and_arrays():
    """Do params() and grads() use the keys W, b, and are params the layer's own arrays?"""
    rng = np.random.default_rng(0)
    layer = Ly.Linear.create(3, 2, rng)
    assert layer.W.shape == (3, 2) and layer.b.shape == (2,)
    assert layer.params()["W"] is layer.W
    layer.forward(np.ones((4, 3)))
    layer.backward(np.ones((4, 2)))
    assert layer.grads().keys() == layer.params().keys() == {"W", "b"}
    assert layer.grads()["W"] is layer.dW and layer.dW.shape == (3, 2)
    assert np.array_equal(layer.db, [4.0, 4.0])


def test_linear_create_inits():
    """Does create give zero biases and weight scales that follow the chosen scheme?"""
    rng = np.random.default_rng(0)
    he = Ly.Linear.create(400, 300, rng, init="he")
    assert np.all(he.b == 0)
    assert np.isclose(he.W.std(), np.sqrt(2 / 400), rtol=0.05)
    small = Ly.Linear.create(400, 300, rng, init="normal", scale=0.1)
    assert np.isclose(small.W.std(), 0.1, rtol=0.05)
    default_normal = Ly.Linear.create(100, 100, rng, init="normal")
    assert np.isclose(default_normal.W.std(), 0.01, rtol=0.1)
    assert Ly.Linear.create(2, 3, rng, dtype=np.float32).W.dtype == np.float32


def test_sequential_names_and_modes():
    """Are parameters named '<index>.<name>', and do train()/eval() reach every layer?"""
    rng = np.random.default_rng(0)
    model = Ly.Sequential(Ly.Linear.create(2, 3, rng), Ly.ReLU(), Ly.Dropout(0.2, rng), Ly.Linear.create(3, 1, rng))
    assert list(model.params()) == ["0.W", "0.b", "3.W", "3.b"]
    model.forward(np.ones((5, 2)))
    model.backward(np.ones((5, 1)))
    assert list(model.grads()) == list(model.params())
    model.eval()
    assert all(not layer.training for layer in model)
    model.train()
    assert all(layer.training for layer in model)
    assert len(model) == 4 and isinstance(model[1], Ly.ReLU)
    assert "Linear(in_features=2, out_features=3)" in repr(model)


def test_dropout_rescales_and_is_identity_in_eval():
    """Does inverted dropout zero about p of the units, scale the rest by 1/(1-p), keep the mean,
    reuse its mask in backward, and do nothing in eval mode?"""
    rng = np.random.default_rng(0)
    drop = Ly.Dropout(0.25, rng)
    x = np.ones((200, 500))
    out = drop.forward(x)
    kept = out != 0
    assert np.allclose(out[kept], 1 / 0.75)
    assert abs(1 - kept.mean() - 0.25) < 0.01
    assert abs(out.mean() - 1.0) < 0.01
    g = rng.normal(size=x.shape)
    assert np.array_equal(drop.backward(g), g * drop.mask)
    drop.eval()
    assert drop.forward(x) is x or np.array_equal(drop.forward(x), x)
    assert np.array_equal(drop.backward(g), g)


def test_dropout_draws_new_masks_from_its_rng():
    """Do two forward passes use different masks, reproducible from the seed?"""
    a = Ly.Dropout(0.5, np.random.default_rng(7))
    b = Ly.Dropout(0.5, np.random.default_rng(7))
    x = np.ones((4, 10))
    m1 = a.forward(x).copy()
    m2 = a.forward(x)
    assert not np.array_equal(m1, m2)
    assert np.array_equal(b.forward(x), m1)


def test_dropout_keeps_float32():
    """Does dropout keep float32 inputs in float32?"""
    drop = Ly.Dropout(0.5, np.random.default_rng(0))
    assert drop.forward(np.ones((2, 3), dtype=np.float32)).dtype == np.float32


def test_layer_errors():
    """Do shape and order mistakes get messages naming the argument, what came and what was expected?"""
    rng = np.random.default_rng(0)
    layer = Ly.Linear.create(4, 2, rng)
    with pytest.raises(ValueError, match=r"^Linear.forward: x has shape \(3,\), expected \(batch, 4\)$"):
        layer.forward(np.zeros(3))
    with pytest.raises(ValueError, match=r"Linear.forward: x has shape \(2, 3\), expected \(batch, 4\)"):
        layer.forward(np.zeros((2, 3)))
    with pytest.raises(RuntimeError, match=r"Linear.backward called before forward"):
        Ly.Linear.create(4, 2, rng).backward(np.zeros((1, 2)))
    with pytest.raises(RuntimeError, match=r"Linear.grads: no gradients yet"):
        Ly.Linear.create(4, 2, rng).grads()
    layer.forward(np.zeros((5, 4)))
    with pytest.raises(ValueError, match=r"Linear.backward: grad_out has shape \(5, 3\), expected \(5, 2\)"):
        layer.backward(np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"Linear: b has shape \(3,\), expected \(2,\)"):
        Ly.Linear(np.zeros((4, 2)), np.zeros(3))
    with pytest.raises(ValueError, match=r"linear_forward: x has shape \(2, 5\), expected \(batch, 4\)"):
        Ly.linear_forward(np.zeros((2, 5)), np.zeros((4, 2)), np.zeros(2))
    with pytest.raises(ValueError, match=r"Linear.create: init must be one of \['he', 'normal', 'xavier'\], got "
                                         r"'glorot'"):
        Ly.Linear.create(2, 2, rng, init="glorot")
    with pytest.raises(ValueError, match=r"Dropout: p must be in \[0, 1\), got 1"):
        Ly.Dropout(1, rng)
    with pytest.raises(TypeError, match=r"Dropout: rng must be a numpy.random.Generator, got NoneType"):
        Ly.Dropout(0.5, None)
    with pytest.raises(TypeError, match=r"Sequential: pass layers as separate arguments"):
        Ly.Sequential([Ly.ReLU(), Ly.ReLU()])
    with pytest.raises(TypeError, match=r"Sequential: argument 1 must be a Layer, got function"):
        Ly.Sequential(Ly.ReLU(), lambda x: x)
    relu = Ly.ReLU()
    relu.forward(np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"ReLU.backward: grad_out has shape \(3, 2\), expected \(2, 3\)"):
        relu.backward(np.zeros((3, 2)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_backward_takes_a_passed_back_gradient_as_it_is_and_converts_anything_else(dtype):
    """Is a float gradient of the right shape used as it is (no copy, its dtype kept), and any other still converted?"""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((3, 4)).astype(dtype)
    for layer, shape in ((Ly.Linear.create(4, 2, rng, dtype=dtype), (3, 2)), (Ly.ReLU(), (3, 4)), (Ly.Tanh(), (3, 4))):
        layer.forward(x)
        g = rng.standard_normal(shape).astype(dtype)
        assert Ly._check_grad_out(g, shape, "test") is g
        dx = layer.backward(g)
        assert dx.dtype == dtype
        as_list = layer.backward(g.tolist())  # a list is converted (to float64) and gives the same numbers
        assert as_list.dtype == np.float64 and np.allclose(as_list, dx, rtol=1e-6)
        if isinstance(layer, Ly.Linear):
            assert layer.dW.dtype == np.float64
    as_ints = Ly._check_grad_out(np.ones((3, 2), dtype=np.int64), (3, 2), "test")
    assert as_ints.dtype == np.float64
    with pytest.raises(ValueError, match=r"^test: grad_out has shape \(2, 3\), expected \(3, 2\)$"):
        Ly._check_grad_out(np.zeros((2, 3)), (3, 2), "test")


# -- skipping the first layer's input gradient -------------------------------------------------

def _grads_both_ways(make, x, g):
    """Parameter gradients and returned value of backward with and without the input gradient."""
    a, b = make(np.random.default_rng(3)), make(np.random.default_rng(3))
    a.forward(x)
    b.forward(x)
    dx = a.backward(g)
    skipped = b.backward(g, input_grad=False)
    return dx, skipped, a.grads(), b.grads()


@pytest.mark.parametrize("make", [
    lambda rng: Ly.Linear.create(4, 3, rng),
    lambda rng: Ly.Sequential(Ly.Linear.create(4, 5, rng), Ly.ReLU(), Ly.Linear.create(5, 3, rng)),
    lambda rng: Ly.Sequential(Ly.Tanh(), Ly.Dropout(0.5, rng).eval(), Ly.Linear.create(4, 5, rng), Ly.Sigmoid(),
                              Ly.Linear.create(5, 3, rng)),
    lambda rng: Ly.Sequential(Ly.Sequential(Ly.Linear.create(4, 5, rng), Ly.Tanh()), Ly.Linear.create(5, 3, rng)),
], ids=["Linear", "Sequential", "leading parameter-free layers", "nested Sequential"])
def test_skipping_the_input_gradient_changes_nothing_else(make):
    """With input_grad=False, is every parameter gradient bit-for-bit the same and the return value None?"""
    rng = np.random.default_rng(0)
    x, g = rng.normal(size=(6, 4)), rng.normal(size=(6, 3))
    dx, skipped, full, lean = _grads_both_ways(make, x, g)
    assert dx.shape == x.shape and skipped is None
    assert full.keys() == lean.keys()
    for k in full:
        assert np.array_equal(full[k], lean[k]), k


def test_skipping_spares_the_product_and_the_layers_before():
    """Is G W^T really not computed, and are parameter-free layers before the first Linear not run backward?"""
    rng = np.random.default_rng(0)

    class Counting(Ly.Tanh):
        calls = 0

        def backward(self, grad_out):
            Counting.calls += 1
            return super().backward(grad_out)

    class Spy(np.ndarray):
        """A weight matrix that counts how often its transpose is taken."""
        transposes = 0

        @property
        def T(self):
            Spy.transposes += 1
            return super().T

    first = Ly.Linear.create(4, 5, rng)
    first.W = first.W.view(Spy)
    model = Ly.Sequential(Counting(), first, Ly.ReLU(), Ly.Linear.create(5, 2, rng))
    model.forward(rng.normal(size=(3, 4)))
    model.backward(np.ones((3, 2)), input_grad=False)
    assert Counting.calls == 0 and Spy.transposes == 0
    model.backward(np.ones((3, 2)))
    assert Counting.calls == 1 and Spy.transposes == 1


def test_a_layer_without_the_option_still_gets_its_gradients():
    """Does Sequential fall back to a plain backward for a first layer whose class does not take input_grad?"""
    rng = np.random.default_rng(0)

    class Scale(Ly.Layer):
        def __init__(self):
            super().__init__()
            self.w = np.array([2.0])

        def forward(self, x):
            self.x = x
            return x * self.w

        def backward(self, grad_out):
            self.dw = np.array([np.sum(grad_out * self.x)])
            return grad_out * self.w

        def params(self):
            return {"w": self.w}

        def grads(self):
            return {"w": self.dw}

    class PlainLinear(Ly.Linear):
        def backward(self, grad_out):  # an override without the keyword
            return super().backward(grad_out)

    for first in (Scale(), PlainLinear(rng.normal(size=(3, 3)), np.zeros(3))):
        model = Ly.Sequential(first, Ly.Tanh(), Ly.Linear.create(3, 2, rng))
        model.forward(rng.normal(size=(4, 3)))
        assert model.backward(np.ones((4, 2)), input_grad=False) is None
        assert all(np.all(np.isfinite(g)) for g in model.grads().values())
