"""Hidden tests for Exercise 3, ``logistic_predict(X, w, b) -> y``.

y = sigma(X @ w + b), shape (N,), computed without overflow for large |z|.
"""

import numpy as np

from nncourse.grading import testing
from nncourse.grading.testing import diagnose, expect_close, expect_dtype, expect_shape, sigmoid, weight, wide_range

NAME = "logistic_predict"
STABLE = ("exp() of a large number overflows to inf, and inf / inf is nan: exponentiate only non-positive "
          "numbers, e = exp(-|z|), and use 1 / (1 + e) where z >= 0 and e / (1 + e) where z < 0.")

VALUES = "y = sigma(X @ w + b) with sigma(z) = 1 / (1 + exp(-z)), one probability per example."


def draw(rng, n=None, scale=1.0):
    n, d = testing.distinct_sizes(rng, (2, 30), (1, 8), n)
    return rng.normal(size=(n, d)), rng.normal(0.0, scale, size=d), float(rng.normal(0.0, scale))


def hint_for(got, z, neutral=VALUES):
    e = np.exp(-np.abs(z))
    return diagnose(got, sigmoid(z), [
        ("sigma(z) = 1 / (1 + exp(-z)): the sign in the exponent is flipped.", lambda: sigmoid(-z)),
        ("Return the probabilities sigma(z), not the predicted classes 0 and 1.", lambda: (z >= 0).astype(float)),
        ("The logistic function is 1 / (1 + exp(-z)), not tanh(z).", lambda: np.tanh(z)),
        ("1 / (1 + exp(-|z|)) is sigma(|z|), right only for z >= 0: where z < 0 use exp(z) / (1 + exp(z)), "
         "i.e. e / (1 + e) with e = exp(-|z|).", lambda: 1.0 / (1.0 + e)),
        ("The two stable forms are swapped: 1 / (1 + e) belongs to z >= 0 and e / (1 + e) to z < 0.",
         lambda: np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))),
        ("Your values are sigma(z) with z clipped to [-10, 10]: clipping changes the result; "
         "the stable form needs no clipping.", lambda: sigmoid(np.clip(z, -10.0, 10.0))),
    ], neutral)


@weight(1)
def test_shape(student, rng):
    """one probability per example: shape (N,)"""
    X, w, b = draw(rng)
    expect_shape(student.function(NAME)(X, w, b), (X.shape[0],), f"logistic_predict for X of shape {X.shape}",
                 "X @ w has shape (N,) for X of shape (N, D) and w of shape (D,).")


@weight(3)
def test_values(student, rng):
    """sigma(X @ w + b) on random batches with z of both signs"""
    f = student.function(NAME)
    for scale in (1.0, 3.0):
        X, w, _ = draw(rng, scale=scale)
        b = float(rng.normal(0.0, 0.2) - np.median(X @ w))      # z of both signs
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


def inputs_for(rng, z):
    """X of shape (N, 2), w and b with X @ w + b close to the given z (N,)."""
    b = float(rng.normal())
    X = np.column_stack([z - b, rng.normal(size=z.shape)])
    return X, np.array([1.0, 0.0]), b


@weight(2)
def test_large_z(student, rng):
    """no nan or inf for |z| from 0 up to 1e4, both sides of exp overflow: the exact limits 0 and 1"""
    X, w, b = inputs_for(rng, wide_range(rng, (int(rng.integers(26, 34)),), limit=1e4))
    z = X @ w + b
    got = student.function(NAME)(X, w, b)
    expect_close(got, sigmoid(z), f"logistic_predict with |z| up to 1e4 (min z = {z.min():.0f}, "
                 f"max z = {z.max():.0f})", hint_for(got, z, STABLE), atol=1e-12)


@weight(1)
def test_integer_inputs(student, rng):
    """integer X, w and b give the same float probabilities"""
    n, d = int(rng.integers(4, 12)), int(rng.integers(2, 5))
    X, w = rng.integers(-3, 4, size=(n, d)), rng.integers(-2, 3, size=d)
    b = int(rng.integers(-2, 3))
    z = X @ w + b
    what = f"logistic_predict for integer X of shape {X.shape}, integer w and b = {b}"
    got = student.function(NAME)(X, w, b)
    expect_dtype(got, "float", what, "Probabilities are floats: with integer X, w and b, z is an integer array, "
                 "and so is np.empty_like(z); fill a float array (np.empty(z.shape)) or use float constants.")
    expect_close(got, sigmoid(z), what, hint_for(got, z))


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one example keeps the shape (1,)"""
    X, w, b = draw(rng, 1)
    expect_close(student.function(NAME)(X, w, b), sigmoid(X @ w + b), f"logistic_predict for X of shape {X.shape}",
                 "Keep the batch axis: for X of shape (1, D) the result has shape (1,), not ().")
