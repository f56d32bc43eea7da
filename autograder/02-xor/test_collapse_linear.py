"""Hidden tests for Exercise 2, ``collapse_linear(layers) -> (W, b)``.

layers = [(W1, b1), ..., (WL, bL)], layer l with W of shape (d_{l-1}, d_l), b (d_l,);
the answer is W = W1 @ ... @ WL, b = sum_l b_l @ W_{l+1} @ ... @ WL.
"""

from nncourse.grading.testing import diagnose, expect_close, expect_returns, make_test, weight

NAME = "collapse_linear"


def draw(rng, widths):
    return [(rng.normal(size=(m, n)), rng.normal(size=n)) for m, n in zip(widths[:-1], widths[1:])]


def reference(layers):
    W, b = layers[0]
    for W_l, b_l in layers[1:]:
        W, b = W @ W_l, b @ W_l + b_l
    return W, b


def wrong_biases(layers):
    """(hint, bias) of common mistakes on these layers, for :func:`diagnose`."""
    if len(layers) == 1:
        return []

    def running_product():                      # raises when the shapes do not fit: no diagnosis then
        W, b = layers[0]
        for W_l, b_l in layers[1:]:
            W = W @ W_l
            b = b @ W + b_l
        return b
    return [
        ("adding the biases up is not enough: each bias passes through the weight matrices of all later "
         "layers, b = (b1 @ W2 + b2) @ W3 + b3 ...", lambda: sum(b for _, b in layers)),
        ("the earlier layers' biases are missing: b is the stack's output for x = 0, so b1, b2, ... "
         "all contribute after passing through the later weights.", layers[-1][1]),
        ("you multiplied b by the running product W after updating it; b needs only the new layer's "
         "matrix: b = b @ W_l + b_l.", running_product),
        ("each bias passes through the weights of ALL later layers, not only the next one.",
         lambda: sum(b @ layers[i + 1][0] for i, (_, b) in enumerate(layers[:-1])) + layers[-1][1]),
        ("the last layer is missing: loop over layers[1:], all the way to the end.",
         lambda: reference(layers[:-1])[1]),
    ]


def wrong_weights(layers):
    """(hint, W) of common mistakes on these layers, for :func:`diagnose`."""
    def reversed_product():
        rev = layers[-1][0]
        for W_l, _ in reversed(layers[:-1]):
            rev = rev @ W_l
        return rev
    return [
        ("You multiplied the matrices in reverse: x @ W1 @ W2 needs W = W1 @ W2, not W2 @ W1.", reversed_product),
        ("the last layer is missing: loop over layers[1:], all the way to the end.",
         lambda: reference(layers[:-1])[0]),
    ]


def check(student, layers, what):
    got_W, got_b = expect_returns(student.function(NAME)(layers), ("W", "b"), what)
    W, b = reference(layers)
    hint_W = diagnose(got_W, W, wrong_weights(layers) if len(layers) > 1 else [],
                      "W = W1 @ W2 @ ... @ WL, multiplied in the order the layers are applied.")
    expect_close(got_W, W, f"{what}: W", hint_W)
    hint_b = diagnose(got_b, b, wrong_biases(layers), "b is what the stack outputs for x = 0: "
                      "b = (b1 @ W2 + b2) @ W3 + b3 ...")
    expect_close(got_b, b, f"{what}: b", hint_b)


def widths(rng, depth, lo=1, hi=7):
    return [int(w) for w in rng.integers(lo, hi, size=depth + 1)]


def collapse(student, rng, w):
    """collapse_linear on a random stack of layers of widths ``w`` = [d_0, d_1, ..., d_L]."""
    check(student, draw(rng, w), f"collapse_linear for {len(w) - 1} layer(s) {' -> '.join(map(str, w))}")


def square(rng):
    """[d] * (L + 1): L from 3 to 5 layers that all have the width d, from 2 to 5."""
    return [int(rng.integers(2, 6))] * (int(rng.integers(3, 6)) + 1)


def bottleneck(rng):
    """Widths with a layer of width 1 in the middle of the stack."""
    return [int(rng.integers(2, 5)), 1, int(rng.integers(2, 5)), int(rng.integers(1, 4))]


test_two_layers = make_test(lambda student, rng: collapse(student, rng, widths(rng, 2, 2)),
                            "two layers of random sizes", 2)


@weight(3)
def test_deep_stack(student, rng):
    """a stack of 3 to 6 layers of random sizes"""
    for depth in (int(rng.integers(3, 5)), int(rng.integers(5, 7))):
        collapse(student, rng, widths(rng, depth, 2))


test_square_layers = make_test(lambda student, rng: collapse(student, rng, square(rng)),
                               "layers that all have the same width (order of the product matters)", 2)
test_single_layer = make_test(lambda student, rng: collapse(student, rng, widths(rng, 1, 1)),
                              "a single layer collapses to itself")
test_width_one_bottleneck = make_test(lambda student, rng: collapse(student, rng, bottleneck(rng)),
                                      "a layer of width 1 in the middle of the stack")
