"""Hidden tests for Exercise 3, ``class Sigmoid()`` with ``forward(z)`` and ``backward(grad_out)``.

forward: z (N, D) -> sigma(z), caching the output; backward: grad_out (N, D) -> grad_out * y * (1 - y).
"""

import numpy as np

from nncourse.grading.testing import expect_close, expect_shape, weight

NAME = "Sigmoid"
STABLE = ("exp() of a large number overflows to inf, and inf / inf is nan: use 1 / (1 + exp(-z)) only where "
          "z >= 0 and exp(z) / (1 + exp(z)) where z < 0 (the notebook's `sigmoid` does this).")


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def draw(rng, scale=2.0):
    n, d = int(rng.integers(1, 8)), int(rng.integers(2, 6))
    return rng.normal(0.0, scale, size=(n, d)), rng.normal(size=(n, d))


def backward_hint(got, z, g):
    y = sigmoid(z)
    if got.shape == z.shape:
        if np.allclose(got, g * z * (1 - z)):
            return ("You evaluated z (1 - z). The derivative is sigma(z) (1 - sigma(z)) = y (1 - y): "
                    "use the output cached by forward, not the input.")
        if np.allclose(got, y * (1 - y)):
            return "Chain rule: multiply sigma'(z) by the incoming error signal grad_out."
        if np.allclose(got, g * y):
            return "sigma'(z) = y (1 - y): a factor (1 - y) is missing."
    return "Return grad_out * y * (1 - y), where y = sigma(z) is the output cached by forward."


@weight(2)
def test_forward(student, rng):
    """forward returns sigma(z) elementwise"""
    z, _ = draw(rng)
    out = student.new(NAME).call("forward", z)
    expect_close(out, sigmoid(z), f"Sigmoid.forward for z of shape {z.shape}",
                 "sigma(z) = 1 / (1 + exp(-z)), elementwise; same shape as z.")


@weight(3)
def test_backward(student, rng):
    """backward returns grad_out * y * (1 - y)"""
    z, g = draw(rng)
    layer = student.new(NAME)
    layer.call("forward", z)
    got = layer.call("backward", g)
    arr = expect_shape(got, z.shape, f"Sigmoid.backward for z of shape {z.shape}",
                       "The error signal of z has z's shape: multiply elementwise, not with @.")
    y = sigmoid(z)
    expect_close(arr, g * y * (1 - y), f"Sigmoid.backward for z of shape {z.shape}", backward_hint(arr, z, g))


@weight(1)
def test_uses_latest_forward(student, rng):
    """backward uses the output of the most recent forward call"""
    z1, _ = draw(rng)
    z2 = rng.normal(0.0, 2.0, size=(z1.shape[0] + 1, z1.shape[1]))
    g2 = rng.normal(size=z2.shape)
    layer = student.new(NAME)
    layer.call("forward", z1)
    layer.call("forward", z2)
    y2 = sigmoid(z2)
    got = expect_shape(layer.call("backward", g2), z2.shape, "Sigmoid: forward(z1), forward(z2), backward(g)",
                       "backward must use the output cached by the most recent forward call.")
    hint = "forward must cache its output every time, and backward must use the cached value."
    if not np.allclose(got, g2 * y2 * (1 - y2)):
        known = backward_hint(got, z2, g2)
        if not known.startswith("Return grad_out"):
            hint = known
    expect_close(got, g2 * y2 * (1 - y2), "Sigmoid: forward(z1), forward(z2), backward(g)", hint)


@weight(2)
def test_large_inputs(student, rng):
    """no nan or inf for z = +-1000"""
    z, g = draw(rng, scale=1.0)
    z[0, 0], z[0, 1] = 1000.0, -1000.0
    z[-1, -1] = -float(rng.uniform(700.0, 1000.0))
    layer = student.new(NAME)
    out = layer.call("forward", z)
    y = sigmoid(z)
    expect_close(out, y, "Sigmoid.forward with entries of +-1000", STABLE, atol=1e-12)
    expect_close(layer.call("backward", g), g * y * (1 - y), "Sigmoid.backward with entries of +-1000",
                 "Compute the derivative from the cached output, y * (1 - y); " + STABLE, atol=1e-12)
