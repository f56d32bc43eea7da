"""Activations: values, derivatives, stability at |z| = 1000, error messages."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from nncourse import activations as A
from nncourse.gradcheck import numerical_gradient, rel_error

ELEMENTWISE = ["sigmoid", "tanh", "relu", "leaky_relu", "abs_relu", "softplus"]
EXTREME = np.array([-1000.0, -50.0, -1.0, -1e-3, 0.0, 1e-3, 1.0, 50.0, 1000.0])

finite_z = arrays(
    np.float64,
    array_shapes(min_dims=1, max_dims=3, max_side=5),
    elements=st.floats(-1e3, 1e3, allow_nan=False),
)


def away_from_kink(z):
    """Shift entries off z = 0, where ReLU-like functions have a kink."""
    return np.where(np.abs(z) < 1e-3, 0.5, z)


# -- worked values ----------------------------------------------------------

def test_sigmoid_worked_values():
    """Are sigmoid(0) = 1/2 and sigmoid(log 3) = 3/4 (since 1/(1 + 1/3) = 3/4)?"""
    assert A.sigmoid(0.0) == 0.5
    assert np.isclose(A.sigmoid(np.log(3.0)), 0.75)
    # sigmoid'(0) = 1/2 * 1/2
    assert A.sigmoid_prime(0.0) == 0.25


def test_tanh_is_rescaled_sigmoid():
    """Is tanh(z) = 2 sigmoid(2z) - 1, and tanh' = 1 - tanh^2?"""
    z = np.linspace(-5, 5, 21)
    assert np.allclose(A.tanh(z), 2 * A.sigmoid(2 * z) - 1)
    assert np.allclose(A.tanh_prime(z), 1 - np.tanh(z) ** 2)


def test_relu_family_values_and_kink_convention():
    """Do the ReLU variants give max(0,z) + alpha min(0,z), with the left derivative at 0?"""
    z = np.array([-2.0, 0.0, 3.0])
    assert np.array_equal(A.relu(z), [0, 0, 3])
    assert np.array_equal(A.relu_prime(z), [0, 0, 1])
    assert np.allclose(A.leaky_relu(z, 0.1), [-0.2, 0, 3])
    assert np.allclose(A.leaky_relu_prime(z, 0.1), [0.1, 0.1, 1])
    assert np.array_equal(A.abs_relu(z), [2, 0, 3])
    assert np.array_equal(A.abs_relu(z), A.leaky_relu(z, alpha=-1))
    assert np.array_equal(A.abs_relu_prime(z), A.leaky_relu_prime(z, alpha=-1))


def test_softplus_values():
    """Is softplus(0) = log 2, and softplus' the sigmoid?"""
    assert np.isclose(A.softplus(0.0), np.log(2))
    z = np.linspace(-4, 4, 9)
    assert np.allclose(A.softplus(z), np.log1p(np.exp(z)))
    assert np.array_equal(A.softplus_prime(z), A.sigmoid(z))


def test_hard_threshold_and_its_zero_derivative():
    """Does the step give 1 for z >= 0 and have derivative zero everywhere?"""
    z = np.array([-1.0, 0.0, 2.0])
    assert np.array_equal(A.hard_threshold(z), [0, 1, 1])
    assert np.array_equal(A.hard_threshold_prime(z), [0, 0, 0])


def test_integer_input_becomes_float64_and_float32_is_kept():
    """Do integer inputs give float64 while float32 stays float32?"""
    assert A.sigmoid(np.array([0, 1])).dtype == np.float64
    for name in ELEMENTWISE:
        f, fp = A.ACTIVATIONS[name]
        z32 = np.array([-1.0, 2.0], dtype=np.float32)
        assert f(z32).dtype == np.float32, name
        assert fp(z32).dtype == np.float32, name
    assert A.softmax(np.zeros((2, 3), dtype=np.float32)).dtype == np.float32


# -- derivatives ------------------------------------------------------------

@pytest.mark.parametrize("name", ELEMENTWISE)
def test_prime_matches_finite_differences(name):
    """Does each g_prime agree with a two-sided finite difference of g (rel. error < 1e-7)?"""
    f, fp = A.ACTIVATIONS[name]
    z = away_from_kink(np.random.default_rng(1).normal(scale=3, size=(4, 5)))
    # f is elementwise, so d sum(f(z) * u) / dz = fp(z) * u
    u = np.random.default_rng(2).normal(size=z.shape)
    num = numerical_gradient(lambda v: np.sum(f(v) * u), z)
    assert rel_error(fp(z) * u, num) < 1e-7


@settings(max_examples=30, deadline=None, derandomize=True)
@given(finite_z)
def test_sigmoid_prime_identity_property(z):
    """Is sigmoid' = sigmoid (1 - sigmoid) for arbitrary inputs?"""
    s = A.sigmoid(z)
    assert np.allclose(A.sigmoid_prime(z), s * (1 - s), atol=1e-15)
    assert np.all((s >= 0) & (s <= 1))


def test_maxout_forward_backward():
    """Does maxout take the max of each group of k and route the gradient to the winner?"""
    z = np.array([[1.0, 5.0, 2.0, -1.0, -3.0, 0.0]])
    assert np.array_equal(A.maxout(z, 3), [[5.0, 0.0]])
    assert np.array_equal(A.maxout(z, 2), [[5.0, 2.0, 0.0]])
    dz = A.maxout_backward(np.array([[10.0, 20.0]]), z, 3)
    assert np.array_equal(dz, [[0, 10, 0, 0, 0, 20]])


def test_maxout_ties_go_to_first():
    """With a tie, does exactly one entry (the first) receive the gradient?"""
    dz = A.maxout_backward(np.array([[1.0]]), np.array([[2.0, 2.0]]), 2)
    assert np.array_equal(dz, [[1.0, 0.0]])


def test_maxout_gradcheck():
    """Does maxout_backward pass a finite-difference check (no ties)?"""
    rng = np.random.default_rng(3)
    z = rng.normal(size=(3, 8))
    u = rng.normal(size=(3, 4))
    num = numerical_gradient(lambda v: np.sum(A.maxout(v, 2) * u), z)
    assert rel_error(A.maxout_backward(u, z, 2), num) < 1e-7


# -- softmax family -----------------------------------------------------------

@settings(max_examples=30, deadline=None, derandomize=True)
@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 6)),
              elements=st.floats(-1e3, 1e3, allow_nan=False)))
def test_softmax_properties(z):
    """Do softmax rows sum to 1, agree with exp(log_softmax), and ignore a constant shift?"""
    p = A.softmax(z)
    assert np.allclose(p.sum(axis=1), 1.0)
    assert np.all(p >= 0)
    assert np.allclose(np.exp(A.log_softmax(z)), p, atol=1e-12)
    assert np.allclose(A.softmax(z + 7.0), p, atol=1e-12)
    m = z.max(axis=1, keepdims=True)
    assert np.allclose(A.logsumexp(z), m[:, 0] + np.log(np.sum(np.exp(z - m), axis=1)))


def test_logsumexp_axis_and_keepdims():
    """Does logsumexp honour axis and keepdims?"""
    z = np.log(np.array([[1.0, 3.0], [2.0, 2.0]]))
    assert np.allclose(A.logsumexp(z), np.log([4.0, 4.0]))
    assert np.allclose(A.logsumexp(z, axis=0), np.log([3.0, 5.0]))
    assert A.logsumexp(z, keepdims=True).shape == (2, 1)
    assert np.allclose(A.softmax(z, axis=0).sum(axis=0), 1.0)


def test_log_softmax_gradcheck():
    """Is the Jacobian-vector product of log_softmax, u - softmax(z) sum(u), right?"""
    rng = np.random.default_rng(4)
    z = rng.normal(size=(3, 4))
    u = rng.normal(size=(3, 4))
    num = numerical_gradient(lambda v: np.sum(A.log_softmax(v) * u), z)
    analytic = u - A.softmax(z) * u.sum(axis=1, keepdims=True)
    assert rel_error(analytic, num) < 1e-7


# -- stability ------------------------------------------------------------------

@pytest.mark.parametrize("name", ELEMENTWISE + ["hard_threshold"])
def test_stable_at_extremes_without_warnings(name):
    """At |z| = 1000, are values and derivatives finite with no NumPy warning at all?"""
    f, fp = A.ACTIVATIONS[name]
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        v, d = f(EXTREME), fp(EXTREME)
    assert np.all(np.isfinite(v)) and np.all(np.isfinite(d))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(arrays(np.float64, st.integers(1, 6), elements=st.floats(-1e300, 1e300, allow_nan=False)))
def test_no_warnings_anywhere_on_the_real_line(z):
    """From subnormals to 1e300, does every activation, derivative and softmax stay finite and silent?"""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        for f, fp in A.ACTIVATIONS.values():
            assert np.all(np.isfinite(f(z))) and np.all(np.isfinite(fp(z)))
        assert np.all(np.isfinite(A.log_softmax(z)))
        assert np.isclose(A.softmax(z).sum(), 1.0)


def test_exact_limits_at_extremes():
    """Are the limits exact: sigmoid(+-1000) = 1, 0; softplus(1000) = 1000; tanh' = 0?"""
    z = np.array([-1000.0, 1000.0])
    assert np.array_equal(A.sigmoid(z), [0.0, 1.0])
    assert np.array_equal(A.softplus(z), [0.0, 1000.0])
    assert np.array_equal(A.tanh(z), [-1.0, 1.0])
    assert np.array_equal(A.tanh_prime(z), [0.0, 0.0])


def test_softmax_family_stable_at_extremes():
    """Do softmax, log_softmax and logsumexp survive logits of +-1000 without warnings?"""
    z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, -1000.0]])
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        p = A.softmax(z)
        lp = A.log_softmax(z)
        lse = A.logsumexp(z)
        A.maxout(z[:, :2], 2)
    assert np.allclose(p[0], [1, 0, 0]) and np.allclose(p[1], 1 / 3)
    assert np.array_equal(lp[0], [0.0, -2000.0, -1000.0])
    assert np.allclose(lse, [1000.0, -1000.0 + np.log(3)])


# -- errors -------------------------------------------------------------------------

def test_errors_name_the_argument():
    """Do bad inputs raise TypeError/ValueError that say what came and what was expected?"""
    with pytest.raises(TypeError, match=r"sigmoid: z must be a numeric array, got str"):
        A.sigmoid("1.0")
    with pytest.raises(TypeError, match=r"relu: z must be a numeric array"):
        A.relu(None)
    with pytest.raises(ValueError, match=r"maxout: last axis of z has length 5 .* not divisible by k=2"):
        A.maxout(np.zeros((2, 5)), 2)
    with pytest.raises(TypeError, match=r"maxout: k must be an integer"):
        A.maxout(np.zeros((2, 4)), 2.0)
    with pytest.raises(ValueError, match=r"maxout_backward: grad_out has shape \(2, 4\), expected \(2, 2\)"):
        A.maxout_backward(np.zeros((2, 4)), np.zeros((2, 4)), 2)
    with pytest.raises(ValueError, match=r"softmax: axis 2 is out of range for z of shape \(2, 3\)"):
        A.softmax(np.zeros((2, 3)), axis=2)
    with pytest.raises(ValueError, match=r"leaky_relu: alpha must be finite"):
        A.leaky_relu(np.zeros(2), alpha=float("nan"))
