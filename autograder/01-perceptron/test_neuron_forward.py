"""Hidden tests for Exercise 1, ``neuron_forward(X, w, b) -> (z, y)``.

z = X @ w + b, shape (N,); y = 1.0 where z >= 0, else 0.0, shape (N,).
"""

import numpy as np

from nncourse.grading import testing
from nncourse.grading.testing import diagnose, expect_close, expect_dtype, expect_returns, expect_shape, weight

NAME = "neuron_forward"


def draw(rng, n=None):
    """Random sizes with N != D (so a transposed product has the wrong shape)."""
    n, d = testing.distinct_sizes(rng, (2, 30), (1, 8), n)
    return rng.normal(size=(n, d)), rng.normal(size=d), float(rng.normal(0.0, 1.5))


def pair(out, what):
    return expect_returns(out, ("z", "y"), what)


def z_hint(got, X, w, b):
    return diagnose(got, X @ w + b, [
        ("The bias b is missing: z = X @ w + b.", lambda: X @ w),
        ("The bias is added, not subtracted: z = X @ w + b.", lambda: X @ w - b),
        ("z came back thresholded: after `y = z`, y is another name for the same array, so changing y "
         "in place changed z too. Build y as a new array, e.g. np.where(z >= 0, 1.0, 0.0).",
         lambda: step(X @ w + b)),
    ], "z = X @ w + b: one weighted sum per row of X (an example), plus the bias.")


def y_hint(got, z):
    return diagnose(got, step(z), [
        ("The perceptron's outputs are 0 and 1, not -1 and +1.", lambda: np.sign(z)),
        ("The perceptron's outputs are 0 and 1, not -1 and +1.", lambda: np.where(z >= 0, 1.0, -1.0)),
        ("y is the hard threshold of z (1.0 where z >= 0, else 0.0), not z itself.", z),
        ("phi(0) = 1: the threshold fires at z = 0 too, so compare with z >= 0, not z > 0.",
         lambda: (z > 0).astype(float)),
        ("0 and 1 are swapped: y = 1.0 where z >= 0.", lambda: 1.0 - step(z)),
    ], "y = 1.0 where z >= 0, else 0.0 (np.where(z >= 0, 1.0, 0.0)).")


def step(z):
    return (np.asarray(z) >= 0).astype(float)


def check_y(y, z, what):
    """y holds the floats 0.0 and 1.0 of the hard threshold of z."""
    expect_dtype(y, "float", what, "The statement asks for the floats 0.0 and 1.0: a comparison gives "
                 "booleans and `* 1` integers; use np.where(z >= 0, 1.0, 0.0) or .astype(float).")
    expect_close(y, step(z), what, y_hint(y, z))


@weight(1)
def test_returns_two_arrays_of_shape_n(student, rng):
    """returns a pair (z, y) of arrays of shape (N,)"""
    X, w, b = draw(rng)
    z, y = pair(student.function(NAME)(X, w, b), f"neuron_forward for X of shape {X.shape}")
    hint = "One value per example: X @ w has shape (N,) when X is (N, D) and w is (D,)."
    expect_shape(z, (X.shape[0],), f"neuron_forward for X of shape {X.shape}: z", hint)
    expect_shape(y, (X.shape[0],), f"neuron_forward for X of shape {X.shape}: y", hint)


@weight(3)
def test_weighted_sum(student, rng):
    """z = X @ w + b on random batches"""
    f = student.function(NAME)
    for _ in range(2):
        X, w, b = draw(rng)
        z, _ = pair(f(X, w, b), f"neuron_forward for X of shape {X.shape}")
        what = f"neuron_forward for X of shape {X.shape}, b = {b:.3f}: z"
        expect_close(z, X @ w + b, what, z_hint(z, X, w, b))


@weight(3)
def test_threshold(student, rng):
    """y = 1.0 where z >= 0 and 0.0 elsewhere, on random batches"""
    f = student.function(NAME)
    for _ in range(2):
        X, w, b = draw(rng)
        z = X @ w + b
        _, y = pair(f(X, w, b), f"neuron_forward for X of shape {X.shape}")
        check_y(y, z, f"neuron_forward for X of shape {X.shape}: y")


@weight(2)
def test_threshold_at_zero(student, rng):
    """phi(0) = 1 on integer arrays X and w (and a float b) where z = 0 exactly"""
    n, d = int(rng.integers(6, 15)), int(rng.integers(2, 5))
    X = rng.integers(-2, 3, size=(n, d))
    w = rng.integers(-2, 3, size=d)
    w[0] = 1.0 if w[0] == 0 else w[0]
    zero_rows = rng.choice(n, size=max(2, n // 3), replace=False)
    b = -float(X[zero_rows[0]] @ w)
    X[zero_rows[1:]] = X[zero_rows[0]]         # several examples with z = 0
    z = X @ w + b
    got_z, y = pair(student.function(NAME)(X, w, b), "neuron_forward on integer inputs")
    expect_close(got_z, z, f"neuron_forward on integer X and w, b = {b:g}: z", z_hint(got_z, X, w, b))
    check_y(y, z, f"neuron_forward on integer X and w where {int((z == 0).sum())} examples have z = 0 exactly: y")


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one example keeps the shape (1,)"""
    X, w, b = draw(rng, 1)
    z, y = pair(student.function(NAME)(X, w, b), "neuron_forward for a batch of one example")
    hint = "Keep the batch axis: for X of shape (1, D) the results have shape (1,), not ()."
    expect_close(z, X @ w + b, f"neuron_forward for X of shape {X.shape}: z", hint)
    expect_close(y, (X @ w + b >= 0).astype(float), f"neuron_forward for X of shape {X.shape}: y", hint)


@weight(1)
def test_tiny_and_huge_values(student, rng):
    """the sign of z decides, also for |z| near 1e-20 and 1e6"""
    X, w, _ = draw(rng, int(rng.integers(6, 12)))
    for scale in (1e-20, 1e6):
        Xs = X * scale
        z = Xs @ w
        _, y = pair(student.function(NAME)(Xs, w, 0.0), f"neuron_forward with inputs of size {scale:g}")
        expect_close(y, (z >= 0).astype(float), f"neuron_forward with inputs of size {scale:g} and b = 0: y",
                     "The hard threshold looks only at the sign of z: compare z >= 0 directly, not "
                     "sigma(z) >= 0.5 or a rounded value.")
