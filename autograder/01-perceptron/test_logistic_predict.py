"""Hidden tests for Exercise 3, ``logistic_predict(X, w, b) -> y``.

y = sigma(X @ w + b), shape (N,), computed without overflow for large |z|.
"""

import numpy as np

from nncourse.grading.testing import expect_close, expect_shape, weight

NAME = "logistic_predict"
STABLE = ("exp() of a large number overflows to inf, and inf / inf is nan: exponentiate only non-positive "
          "numbers, e = exp(-|z|), and use 1 / (1 + e) where z >= 0 and e / (1 + e) where z < 0.")


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def draw(rng, n=None, scale=1.0):
    n = int(rng.integers(2, 30)) if n is None else n
    d = int(rng.integers(1, 8))
    if d == n:
        d += 1
    return rng.normal(size=(n, d)), rng.normal(0.0, scale, size=d), float(rng.normal(0.0, scale))


def hint_for(got, z):
    got = np.asarray(got, dtype=float)
    y = sigmoid(z)
    if got.shape == z.shape and np.all(np.isfinite(got)):
        if np.allclose(got, 1.0 - y):
            return "sigma(z) = 1 / (1 + exp(-z)): the sign in the exponent is flipped."
        if np.allclose(got, (z >= 0).astype(float)) or np.allclose(got, (y > 0.5).astype(float)):
            return "Return the probabilities sigma(z), not the predicted classes 0 and 1."
        if np.allclose(got, np.tanh(z)):
            return "The logistic function is 1 / (1 + exp(-z)), not tanh(z)."
    return "y = sigma(X @ w + b) with sigma(z) = 1 / (1 + exp(-z)), one probability per example."


@weight(1)
def test_shape(student, rng):
    """one probability per example: shape (N,)"""
    X, w, b = draw(rng)
    expect_shape(student.function(NAME)(X, w, b), (X.shape[0],), f"logistic_predict for X of shape {X.shape}",
                 "X @ w has shape (N,) for X of shape (N, D) and w of shape (D,).")


@weight(3)
def test_values(student, rng):
    """sigma(X @ w + b) on random batches"""
    f = student.function(NAME)
    for scale in (1.0, 3.0):
        X, w, b = draw(rng, scale=scale)
        z = X @ w + b
        got = f(X, w, b)
        expect_close(got, sigmoid(z), f"logistic_predict for X of shape {X.shape}, b = {b:.3f}", hint_for(got, z))
        if not np.allclose(np.asarray(got, dtype=float), sigmoid(z)):
            break


@weight(1)
def test_bias(student, rng):
    """the bias shifts z: w = 0 gives sigma(b) for every example"""
    X, w, b = draw(rng)
    b = float(rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 3.0))
    got = student.function(NAME)(X, np.zeros_like(w), b)
    expect_close(got, np.full(X.shape[0], sigmoid(np.array(b))), f"logistic_predict with w = 0 and b = {b:.3f}",
                 "z = X @ w + b includes the bias: with w = 0 every example gets sigma(b).")


@weight(2)
def test_large_z(student, rng):
    """no nan or inf for |z| up to 1000: the exact limits 0 and 1"""
    X, w, b = draw(rng, int(rng.integers(6, 15)))
    z = X @ w + b
    scale = 1000.0 / np.abs(z).max()
    X = np.vstack([X, [(1000.0 - b * scale) * w / (scale * (w @ w)),       # rows with z = +1000 and -1000
                       (-1000.0 - b * scale) * w / (scale * (w @ w))]])
    w, b = w * scale, b * scale
    z = X @ w + b
    got = student.function(NAME)(X, w, b)
    expect_close(got, sigmoid(z), f"logistic_predict with |z| up to 1000 (min z = {z.min():.0f}, "
                 f"max z = {z.max():.0f})", STABLE, atol=1e-12)


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one example keeps the shape (1,)"""
    X, w, b = draw(rng, 1)
    expect_close(student.function(NAME)(X, w, b), sigmoid(X @ w + b), f"logistic_predict for X of shape {X.shape}",
                 "Keep the batch axis: for X of shape (1, D) the result has shape (1,), not ().")
