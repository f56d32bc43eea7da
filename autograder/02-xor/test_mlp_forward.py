"""Hidden tests for Exercise 5, ``mlp_forward(x, params) -> probabilities (N, K)``.

params = [(W1, b1), ..., (WL, bL)]; ReLU after every layer but the last, then a
softmax over each row of the logits.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect, expect_close, expect_finite, expect_shape, weight

NAME = "mlp_forward"
STABLE = ("exp() of a logit near 1000 overflows to inf (and of one near -1000 underflows to 0), giving nan: "
          "subtract each row's own maximum logit before exponentiating (z.max(axis=1, keepdims=True)).")


def softmax(z, axis=1):
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def logits(x, params, relu_last=False, relu=True):
    h = x
    for i, (W, b) in enumerate(params):
        h = h @ W + b
        if relu and (i < len(params) - 1 or relu_last):
            h = np.maximum(0.0, h)
    return h


def draw(rng, n=None, depth=None):
    n = int(rng.integers(3, 12)) if n is None else n
    depth = int(rng.integers(2, 4)) if depth is None else depth
    widths = [int(rng.integers(2, 6))] + [int(rng.integers(3, 8)) for _ in range(depth - 1)] + [int(rng.integers(2, 6))]
    params = [(rng.normal(size=(m, k)), rng.normal(0.0, 0.5, size=k)) for m, k in zip(widths[:-1], widths[1:])]
    return rng.normal(size=(n, widths[0])), params, widths


def clipped_softmax(z, limit=500.0):
    e = np.exp(np.clip(z, -limit, limit))
    return e / e.sum(axis=1, keepdims=True)


def hint_for(got, x, params, default):
    """Name the mistake only if the output is what a common wrong version computes on this input."""
    z = logits(x, params)
    return diagnose(got, softmax(z), [
        ("there is no ReLU after the last layer: softmax is applied to the raw logits.",
         lambda: softmax(logits(x, params, relu_last=True))),
        ("these are the logits: apply softmax to turn them into probabilities.", z),
        ("softmax normalises each row (each example), not each column: use axis=1.", lambda: softmax(z, axis=0)),
        ("the ReLU between the layers is missing: h = max(0, h @ W + b) for every layer but the last.",
         lambda: softmax(logits(x, params, relu=False))),
        ("return the probabilities, not their logarithms.", lambda: np.log(softmax(z))),
        ("clipping the logits changes them (and so the probabilities): subtract each row's maximum instead, "
         "z - z.max(axis=1, keepdims=True), which changes nothing and never overflows.", lambda: clipped_softmax(z)),
    ], default, atol=1e-10)


def check(student, x, params, what, default="ReLU after every layer but the last; then softmax of each row.",
          finite_hint=STABLE):
    got = student.function(NAME)(x, params)
    expected = softmax(logits(x, params))
    hint = hint_for(got, x, params, default)
    arr = expect_shape(got, expected.shape, what,
                       "One row per example and one column per class: (N, K), K the last layer's width.")
    expect_finite(arr, what, finite_hint)
    expect_close(arr, expected, what, hint, atol=1e-10)
    return arr


@weight(1)
def test_shape_and_rows_sum_to_one(student, rng):
    """the output has shape (N, K) and each row sums to 1"""
    x, params, w = draw(rng)
    what = f"mlp_forward on a batch of {x.shape[0]}, layers {' -> '.join(map(str, w))}"
    got = expect_shape(student.function(NAME)(x, params), (x.shape[0], w[-1]), what,
                       "One row per example and one column per class: (N, K).")
    expect_finite(got, what, STABLE)
    expect(np.allclose(got.sum(axis=1), 1.0) and np.all(got >= 0),
           f"{what}: each row should be a probability distribution (non-negative, summing to 1); "
           f"the row sums are {np.round(got.sum(axis=1), 4).tolist()[:6]}.",
           hint_for(got, x, params, "Divide the exponentials by their sum over each row (axis=1, keepdims=True)."))


@weight(2)
def test_one_hidden_layer(student, rng):
    """one hidden layer, random sizes"""
    x, params, w = draw(rng, depth=2)
    check(student, x, params, f"mlp_forward on a batch of {x.shape[0]}, layers {' -> '.join(map(str, w))}")


@weight(2)
def test_deeper_networks(student, rng):
    """two and three hidden layers"""
    for depth in (3, 4):
        x, params, w = draw(rng, depth=depth)
        check(student, x, params, f"mlp_forward on a batch of {x.shape[0]}, layers {' -> '.join(map(str, w))}")


@weight(1)
def test_single_layer_and_batch_of_one(student, rng):
    """no hidden layer (softmax regression), and a batch of one example"""
    x, params, w = draw(rng, depth=1)
    check(student, x, params, f"mlp_forward with a single layer {w[0]} -> {w[1]}",
          "With a single layer there is no ReLU at all: softmax(x @ W + b).")
    x, params, w = draw(rng, n=1)
    check(student, x, params, f"mlp_forward on a batch of 1, layers {' -> '.join(map(str, w))}",
          "Keep the batch dimension: a batch of one gives shape (1, K); take the max over axis=1 with keepdims.")


@weight(2)
def test_large_logits(student, rng):
    """no nan or inf for logits of size ~1000"""
    x, params, w = draw(rng)
    z = logits(x, params)
    target = float(rng.uniform(900.0, 1100.0))
    factor = target / np.abs(z).max()          # logits spread over about +-1000 ...
    shift = target - factor * z.max()          # ... and the largest one is +1000 (softmax ignores the shift)
    params[-1] = (params[-1][0] * factor, params[-1][1] * factor + shift)
    check(student, x, params, "mlp_forward with logits near 1000", STABLE)


@weight(1)
def test_rows_on_very_different_scales(student, rng):
    """rows whose logits are near +1000 and near -1000 in the same batch"""
    n, d, k = int(rng.integers(4, 9)), int(rng.integers(2, 5)), int(rng.integers(2, 5))
    W = rng.normal(size=(d, k))
    b = -np.abs(rng.normal(size=k))
    x = np.abs(rng.normal(size=(n, d)))
    W = np.abs(W) + 0.5                      # all logits of a row share the sign of its scale
    x *= (np.arange(n) % 2 * 2 - 1)[:, None] * (1000.0 / (x @ W).mean(axis=1, keepdims=True))
    rows = ("Subtract each row's own maximum, z.max(axis=1, keepdims=True): without it exp(1000) overflows, and "
            "with one maximum for the whole batch a row whose logits all lie far below it underflows to 0 / 0.")
    check(student, x, [(W, b)], "mlp_forward on a batch whose rows have logits near +1000 and near -1000",
          rows, finite_hint=rows)
