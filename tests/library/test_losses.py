"""Losses: worked examples, gradient checks, mean-over-batch convention, stability."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nncourse import losses as L
from nncourse.activations import sigmoid
from nncourse.gradcheck import numerical_gradient, rel_error

rng0 = np.random.default_rng(0)


def check_loss_grad(loss_fn, pred, target):
    _, grad = loss_fn(pred, target)
    num = numerical_gradient(lambda v: loss_fn(v, target)[0], pred.copy())
    return rel_error(grad, num)


# -- worked examples ----------------------------------------------------------------

def test_mse_worked_example():
    """Is mse the batch mean of half the per-example sum of squares?"""
    y = np.array([[1.0, 2.0], [0.0, 0.0]])
    t = np.array([[0.0, 0.0], [0.0, 3.0]])
    # example 1: ½(1 + 4) = 2.5 ; example 2: ½ 9 = 4.5 ; mean = 3.5
    loss, grad = L.mse(y, t)
    assert loss == 3.5 and isinstance(loss, float)
    assert np.array_equal(grad, (y - t) / 2)


def test_binary_cross_entropy_worked_example():
    """Is BCE of p = 0.8 for t = 1 and p = 0.4 for t = 0 the mean of -log 0.8 and -log 0.6?"""
    loss, grad = L.binary_cross_entropy(np.array([0.8, 0.4]), np.array([1, 0]))
    assert np.isclose(loss, -(np.log(0.8) + np.log(0.6)) / 2)
    # dL/dp = (p - t) / (p (1-p)) / N
    assert np.allclose(grad, [(0.8 - 1) / (0.8 * 0.2) / 2, 0.4 / (0.4 * 0.6) / 2])


def test_bce_with_logits_matches_bce_of_sigmoid():
    """Does the logits version equal BCE applied to sigmoid(z), with gradient (sigmoid(z) - t)/N?"""
    z = np.array([[-2.0], [0.5], [3.0]])
    t = np.array([[0.0], [1.0], [1.0]])
    loss, grad = L.binary_cross_entropy_with_logits(z, t)
    assert np.isclose(loss, L.binary_cross_entropy(sigmoid(z), t)[0])
    assert np.allclose(grad, (sigmoid(z) - t) / 3)


def test_softmax_cross_entropy_worked_example():
    """With logits [0, log 3] and label 1, is the loss -log(3/4)?"""
    loss, grad = L.softmax_cross_entropy(np.array([[0.0, np.log(3.0)]]), np.array([1]))
    assert np.isclose(loss, -np.log(0.75))
    assert np.allclose(grad, [[0.25, 0.75 - 1]])


def test_softmax_cross_entropy_labels_equal_one_hot():
    """Do integer labels and one-hot targets give the same loss and gradient?"""
    z = rng0.normal(size=(5, 4))
    y = np.array([0, 3, 1, 1, 2])
    a = L.softmax_cross_entropy(z, y)
    b = L.softmax_cross_entropy(z, np.eye(4)[y])
    assert np.isclose(a[0], b[0]) and np.allclose(a[1], b[1])


@pytest.mark.parametrize("loss_fn", [L.mse, L.binary_cross_entropy_with_logits])
def test_losses_are_batch_means(loss_fn):
    """Does duplicating the batch leave the loss unchanged (a mean, not a sum)?"""
    z = rng0.normal(size=(4, 2))
    t = (rng0.random((4, 2)) > 0.5).astype(float)
    one, _ = loss_fn(z, t)
    two, _ = loss_fn(np.vstack([z, z]), np.vstack([t, t]))
    assert np.isclose(one, two)


def test_softmax_cross_entropy_is_batch_mean():
    """Does duplicating the batch leave softmax cross-entropy unchanged?"""
    z = rng0.normal(size=(3, 5))
    y = np.array([0, 4, 2])
    assert np.isclose(L.softmax_cross_entropy(z, y)[0],
                      L.softmax_cross_entropy(np.vstack([z, z]), np.concatenate([y, y]))[0])


# -- gradient checks ----------------------------------------------------------------

def test_mse_gradcheck():
    """Does the MSE gradient pass a float64 finite-difference check?"""
    assert check_loss_grad(L.mse, rng0.normal(size=(4, 3)), rng0.normal(size=(4, 3))) < 1e-7


def test_bce_gradcheck():
    """Does the BCE gradient (on probabilities) pass a finite-difference check?"""
    p = rng0.uniform(0.1, 0.9, size=(5, 2))
    t = (rng0.random((5, 2)) > 0.5).astype(float)
    assert check_loss_grad(L.binary_cross_entropy, p, t) < 1e-7


def test_bce_with_logits_gradcheck():
    """Does the BCE-with-logits gradient pass a finite-difference check (including soft targets)?"""
    assert check_loss_grad(L.binary_cross_entropy_with_logits, rng0.normal(size=(6, 1)) * 3,
                           rng0.random((6, 1))) < 1e-7


@settings(max_examples=20, deadline=None, derandomize=True)
@given(st.integers(1, 5), st.integers(2, 5), st.integers(0, 10_000))
def test_softmax_cross_entropy_gradcheck_property(n, k, seed):
    """For random batch sizes, class counts and logits, does the gradient pass a finite-difference check?"""
    r = np.random.default_rng(seed)
    z = r.normal(size=(n, k))  # moderate logits: tiny probabilities drown in round-off
    y = r.integers(0, k, size=n)
    assert check_loss_grad(L.softmax_cross_entropy, z, y) < 1e-7
    _, grad = L.softmax_cross_entropy(z, y)
    # each row of softmax - onehot sums to zero
    assert np.allclose(grad.sum(axis=1), 0.0)


# -- shapes and stability -------------------------------------------------------------

def test_column_output_with_flat_labels():
    """Is a (N, 1) prediction with (N,) targets read as a column, not broadcast to (N, N)?"""
    z = np.array([[0.0], [1.0], [2.0]])
    t = np.array([0.0, 1.0, 1.0])
    loss, grad = L.mse(z, t)
    assert grad.shape == (3, 1)
    assert np.isclose(loss, 0.5 * (0 + 0 + 1) / 3)
    loss2, grad2 = L.binary_cross_entropy_with_logits(z, t)
    assert grad2.shape == (3, 1)


def test_losses_stable_for_extreme_inputs():
    """Do huge logits and probabilities of exactly 0 or 1 give finite losses with no warnings?"""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        l1, g1 = L.softmax_cross_entropy(np.array([[1000.0, -1000.0]]), np.array([1]))
        l2, g2 = L.binary_cross_entropy_with_logits(np.array([1000.0, -1000.0]), np.array([0.0, 1.0]))
        l3, g3 = L.binary_cross_entropy(np.array([0.0, 1.0]), np.array([1.0, 0.0]))
        l4, g4 = L.binary_cross_entropy(np.array([0.0, 1.0], dtype=np.float32), np.array([1.0, 0.0]))
    assert l1 == 2000.0 and np.allclose(g1, [[1.0, -1.0]])
    assert l2 == 1000.0
    assert np.isfinite(l3) and np.all(np.isfinite(g3))
    assert np.isfinite(l4) and np.all(np.isfinite(g4)) and g4.dtype == np.float32


def test_softmax_cross_entropy_leaves_the_logits_alone_in_any_memory_order():
    z = rng0.standard_normal((5, 3))
    for logits in (z.copy(), np.asfortranarray(z), z.T.copy().T):
        before = logits.copy()
        loss, grad = L.softmax_cross_entropy(logits, np.array([0, 2, 1, 1, 0]))
        np.testing.assert_array_equal(logits, before)
        assert grad.shape == (5, 3) and grad.flags.c_contiguous
        ref_loss, ref_grad = L.softmax_cross_entropy(z, np.array([0, 2, 1, 1, 0]))
        np.testing.assert_allclose(grad, ref_grad, rtol=1e-12)
        assert abs(loss - ref_loss) < 1e-12


def test_loss_errors():
    """Do common mistakes get messages that name the argument and say what was expected?"""
    with pytest.raises(ValueError, match=r"mse: y has shape \(3, 2\) but t has shape \(3,\); they must match"):
        L.mse(np.zeros((3, 2)), np.zeros(3))
    with pytest.raises(ValueError, match=r"p must hold probabilities in \[0, 1\].*binary_cross_entropy_with_logits"):
        L.binary_cross_entropy(np.array([2.0, -1.0]), np.array([1.0, 0.0]))
    with pytest.raises(ValueError, match=r"softmax_cross_entropy: t holds labels in \[0, 3\], expected 0 \.\. 2"):
        L.softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3]))
    with pytest.raises(ValueError, match=r"softmax_cross_entropy: t holds labels in \[-1, 1\], expected 0 \.\. 2"):
        L.softmax_cross_entropy(np.zeros((2, 3)), np.array([1, -1]))   # a negative label, in every integer dtype
    for dtype in (np.int8, np.int32, np.uint8, np.uint64):
        with pytest.raises(ValueError, match=r"t holds labels in \[\d+, \d+\], expected 0 \.\. 2|\[-1, 0\]"):
            L.softmax_cross_entropy(np.zeros((2, 3)), np.array([0, -1 if np.dtype(dtype).kind == "i" else 3],
                                                                dtype=dtype))
    with pytest.raises(ValueError, match=r"softmax_cross_entropy: logits has shape \(3,\), expected \(N, K\)"):
        L.softmax_cross_entropy(np.zeros(3), np.array([0]))
    with pytest.raises(ValueError, match=r"t has 3 labels, expected 2"):
        L.softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 1, 2]))
    with pytest.raises(ValueError, match=r"whole-number class labels"):
        L.softmax_cross_entropy(np.zeros((2, 3)), np.array([0.5, 1.0]))
    with pytest.raises(ValueError, match=r"t must hold targets in \[0, 1\]"):
        L.binary_cross_entropy_with_logits(np.zeros(2), np.array([0.0, 2.0]))
