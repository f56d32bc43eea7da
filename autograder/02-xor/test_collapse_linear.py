"""Hidden tests for Exercise 2, ``collapse_linear(layers) -> (W, b)``.

layers = [(W1, b1), ..., (WL, bL)], layer l with W of shape (d_{l-1}, d_l), b (d_l,);
the answer is W = W1 @ ... @ WL, b = sum_l b_l @ W_{l+1} @ ... @ WL.
"""

import numpy as np

from nncourse.grading.testing import expect, expect_close, weight

NAME = "collapse_linear"


def draw(rng, widths):
    return [(rng.normal(size=(m, n)), rng.normal(size=n)) for m, n in zip(widths[:-1], widths[1:])]


def reference(layers):
    W, b = layers[0]
    for W_l, b_l in layers[1:]:
        W, b = W @ W_l, b @ W_l + b_l
    return W, b


def wrong_biases(layers):
    """Biases that common mistakes produce, for hints."""
    dL = layers[-1][0].shape[1]
    out = {}
    if all(b.shape == (dL,) for _, b in layers):
        out["adding the biases up is not enough: each bias passes through the weight matrices of all later "
            "layers, b = (b1 @ W2 + b2) @ W3 + b3 ..."] = sum(b for _, b in layers)
    if len(layers) > 1:
        out["the earlier layers' biases are missing: b is the stack's output for x = 0, so b1, b2, ... "
            "all contribute after passing through the later weights."] = layers[-1][1]
        W, b = layers[0]
        for W_l, b_l in layers[1:]:
            W = W @ W_l
            b = b @ W + b_l
        out["you multiplied b by the running product W after updating it; b needs only the new layer's "
            "matrix: b = b @ W_l + b_l."] = b
        b_next = sum(b @ layers[i + 1][0] for i, (_, b) in enumerate(layers[:-1])) + layers[-1][1]
        out["each bias passes through the weights of ALL later layers, not only the next one."] = b_next
    return out


def check(student, layers, what):
    out = student.function(NAME)(layers)
    expect(isinstance(out, (tuple, list)) and len(out) == 2,
           f"{what}: expected a pair (W, b), got {type(out).__name__}"
           + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else "") + ".",
           "End the function with `return W, b`.")
    got_W, got_b = out
    W, b = reference(layers)
    hint_W = "W = W1 @ W2 @ ... @ WL, multiplied in the order the layers are applied."
    try:
        arr = np.asarray(got_W, dtype=float)
        rev = layers[-1][0]
        for W_l, _ in reversed(layers[:-1]):
            rev = rev @ W_l if rev.shape[1] == W_l.shape[0] else None
            if rev is None:
                break
        if rev is not None and arr.shape == W.shape and np.allclose(arr, rev) and len(layers) > 1:
            hint_W = "You multiplied the matrices in reverse: x @ W1 @ W2 needs W = W1 @ W2, not W2 @ W1."
        elif arr.shape == W.T.shape and W.shape[0] != W.shape[1]:
            hint_W = "W is (d_0, d_L): the first layer's input size by the last layer's output size."
    except (TypeError, ValueError):
        pass
    expect_close(got_W, W, f"{what}: W", hint_W)
    hint_b = "b is what the stack outputs for x = 0: b = (b1 @ W2 + b2) @ W3 + b3 ..."
    try:
        arr = np.asarray(got_b, dtype=float)
        for text, wrong in wrong_biases(layers).items():
            if arr.shape == wrong.shape and np.allclose(arr, wrong) and not np.allclose(arr, b):
                hint_b = text
                break
    except (TypeError, ValueError):
        pass
    expect_close(got_b, b, f"{what}: b", hint_b)


def widths(rng, depth, lo=1, hi=7):
    return [int(w) for w in rng.integers(lo, hi, size=depth + 1)]


@weight(2)
def test_two_layers(student, rng):
    """two layers of random sizes"""
    w = widths(rng, 2, 2)
    check(student, draw(rng, w), f"collapse_linear for two layers {' -> '.join(map(str, w))}")


@weight(3)
def test_deep_stack(student, rng):
    """a stack of 3 to 6 layers of random sizes"""
    for depth in (int(rng.integers(3, 5)), int(rng.integers(5, 7))):
        w = widths(rng, depth, 2)
        check(student, draw(rng, w), f"collapse_linear for {depth} layers {' -> '.join(map(str, w))}")


@weight(2)
def test_square_layers(student, rng):
    """layers that all have the same width (order of the product matters)"""
    d = int(rng.integers(2, 6))
    depth = int(rng.integers(3, 6))
    check(student, draw(rng, [d] * (depth + 1)), f"collapse_linear for {depth} layers of width {d}")


@weight(1)
def test_single_layer(student, rng):
    """a single layer collapses to itself"""
    w = widths(rng, 1, 1)
    check(student, draw(rng, w), f"collapse_linear for a single layer {w[0]} -> {w[1]}")


@weight(1)
def test_width_one_bottleneck(student, rng):
    """a layer of width 1 in the middle of the stack"""
    w = [int(rng.integers(2, 5)), 1, int(rng.integers(2, 5)), int(rng.integers(1, 4))]
    check(student, draw(rng, w), f"collapse_linear for layers {' -> '.join(map(str, w))}")
