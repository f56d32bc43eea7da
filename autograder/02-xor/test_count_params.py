"""Hidden tests for Exercise 3, ``count_params(d, H, L, K, biases=True) -> int``.

weights = d H + (L - 1) H^2 + H K;  biases = L H + K.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect, expect_dtype, weight


def fail(message, hint=None):
    """Fail the test with ``message`` and, when given, a hint."""
    expect(False, message, hint)


NAME = "count_params"


def by_layers(d, H, L, K, biases):
    """Count the entries of the weight matrices (and bias vectors) one layer at a time."""
    shapes = [(d, H)] + [(H, H)] * (L - 1) + [(H, K)]
    return sum(m * n + (n if biases else 0) for m, n in shapes)


def as_count(got, what):
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        fail(f"{what}: expected a whole number, got {type(got).__name__}.", "Return a single int.")
    expect(np.isfinite(got) and float(got) == int(got), f"{what}: expected a whole number, got {got!r}.",
           "A count is an integer.")
    return int(got)


def hint_for(got, d, H, L, K, biases):
    right = by_layers(d, H, L, K, biases)
    with_biases = [
        ("The biases are missing: with biases=True add one per hidden unit and one per output, L*H + K.",
         by_layers(d, H, L, K, False)),
        ("The output layer has biases too: K of them (biases are L*H + K).", right - K),
        ("Every hidden unit has a bias: L*H of them, plus K for the outputs.", right - L * H),
        ("The inputs have no biases: biases belong to the hidden units and the outputs, L*H + K.", right + d),
    ]
    return diagnose(got, right, [
        ("With biases=False count only the weights.", by_layers(d, H, L, K, True) if not biases else right),
        ("Between L hidden layers there are L - 1 matrices of H x H, not L: (L-1)*H*H.", right + H * H),
    ] + (with_biases if biases else []),
        "weights d*H + (L-1)*H*H + H*K; biases one per hidden unit and one per output, L*H + K.", rtol=0, atol=0)


def check(student, d, H, L, K, biases, what=None, pass_flag=True):
    what = what or f"count_params(d={d}, H={H}, L={L}, K={K}, biases={biases})"
    f = student.function(NAME)
    got = as_count(f(d, H, L, K, biases) if pass_flag else f(d, H, L, K), what)
    expected = by_layers(d, H, L, K, biases)
    if got != expected:
        fail(f"{what}: expected {expected:,}, got {got:,}.", hint_for(got, d, H, L, K, biases))


def sizes(rng):
    return int(rng.integers(1, 50)), int(rng.integers(2, 40)), int(rng.integers(2, 8)), int(rng.integers(1, 20))


@weight(1)
def test_lecture_example(student, rng):
    """10,000 inputs, 10 hidden layers of 300, 1,000 classes: 4,110,000 weights"""
    check(student, 10_000, 300, 10, 1_000, False)
    check(student, 10_000, 300, 10, 1_000, True)
    expect_dtype(student.function(NAME)(10_000, 300, 10, 1_000, True), "int",
                 "count_params(d=10000, H=300, L=10, K=1000, biases=True)",
                 "A number of parameters is an integer: stay with integer arithmetic (H * H, not H ** 2.0, "
                 "math.pow or /), or return int(n).")


@weight(2)
def test_weights_only(student, rng):
    """random sizes, biases=False"""
    for _ in range(3):
        check(student, *sizes(rng), False)


@weight(2)
def test_with_biases(student, rng):
    """random sizes, biases=True"""
    for _ in range(3):
        check(student, *sizes(rng), True)


@weight(1)
def test_one_hidden_layer(student, rng):
    """a single hidden layer (L = 1: no H x H matrix)"""
    d, H, _, K = sizes(rng)
    check(student, d, H, 1, K, False)
    check(student, d, H, 1, K, True)


@weight(1)
def test_biases_by_default(student, rng):
    """biases are counted when the argument is left out"""
    d, H, L, K = sizes(rng)
    check(student, d, H, L, K, True, what=f"count_params(d={d}, H={H}, L={L}, K={K})", pass_flag=False)
