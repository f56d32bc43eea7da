"""Hidden tests for Exercise 3, ``count_params(sizes, N=1) -> {"weights", "biases", "multiply_adds"}``.

For layer sizes [d_0, ..., d_L]: one weight per pair of units in consecutive layers,
one bias per unit of layers 1..L, and N * d_{l-1} * d_l multiply-adds in layer l.
The expected counts are found layer by layer from the shapes of the arrays.
"""

import math

from nncourse.grading.testing import diagnose, expect, fail, weight

NAME = "count_params"
KEYS = ("weights", "biases", "multiply_adds")
INT_HINT = ("Count with Python ints (int(n) of each size, then * and +): a float rounds large counts, and NumPy's "
            "int64 wraps around above 9.2e18.")


def by_layers(sizes, N):
    """The three counts from the shape (d_{l-1}, d_l) of each layer's W and (d_l,) of its b."""
    shapes = list(zip(sizes[:-1], sizes[1:]))
    weights = sum(m * n for m, n in shapes)
    return {"weights": weights, "biases": sum(n for _, n in shapes),
            "multiply_adds": sum(N * m * n for m, n in shapes)}


def variants(sizes, N):
    """What known mistakes return on these sizes: (hint, the wrong dict)."""
    right = by_layers(sizes, N)
    w, b = right["weights"], right["biases"]

    def with_(**changed):
        return {**right, **changed}

    hidden = len(sizes) - 2
    equal = sizes[0] * sizes[1] + (hidden - 1) * sizes[1] ** 2 + sizes[1] * sizes[-1] if hidden >= 1 else w
    short = sum(m * n for m, n in zip(sizes[:-2], sizes[1:-1]))
    return [
        ("The inputs have no biases: only the units of the hidden and output layers have one.",
         with_(biases=sum(sizes))),
        ("The output units have biases too: every unit after the input layer has one.",
         with_(biases=sum(sizes[1:-1]))),
        ("The multiply-adds are for a batch of N examples: every example goes through every layer.",
         with_(multiply_adds=w)),
        ("Only the matrix products are counted: adding a bias is not a multiply-add.",
         with_(multiply_adds=N * (w + b))),
        ("One multiply-add is a multiplication and the addition that follows it, counted once.",
         with_(multiply_adds=2 * N * w)),
        ("The hidden layers need not all have the width of the first one: count each pair of consecutive "
         "layers with its own sizes.",
         with_(weights=equal, multiply_adds=N * equal)),
        ("The product of all the sizes counts input-to-output paths, not weights: a weight joins two units of "
         "consecutive layers, so add up one product per pair of consecutive layers.",
         with_(weights=math.prod(sizes), multiply_adds=N * math.prod(sizes))),
        ("The last layer (into the outputs) is missing: there is one weight matrix per pair of consecutive "
         "layers, len(sizes) - 1 of them.",
         with_(weights=short, multiply_adds=N * short)),
    ]


def answer(student, sizes, N=None):
    """Call the student's function (without N when N is None) and check the form of what comes back."""
    what = f"count_params({sizes}" + ("" if N is None else f", N={N}") + ")"
    f = student.function(NAME)
    got = f(list(sizes)) if N is None else f(list(sizes), N)
    expect(isinstance(got, dict), f"{what}: expected a dict, got {type(got).__name__}.",
           'End with `return {"weights": ..., "biases": ..., "multiply_adds": ...}`.')
    missing = [k for k in KEYS if k not in got]
    expect(not missing, f"{what}: the dict has keys {sorted(map(str, got))}, missing {missing}.",
           'Use the keys "weights", "biases" and "multiply_adds".')
    for key in KEYS:
        v = got[key]
        if isinstance(v, bool) or not isinstance(v, int):
            fail(f"{what}: {key} should be a whole number (a Python int), got {type(v).__name__} {v!r}.", INT_HINT)
    return what, got


def check(student, sizes, N=None, keys=KEYS):
    what, got = answer(student, sizes, N)
    expected = by_layers(sizes, 1 if N is None else N)
    for key in keys:
        if got[key] != expected[key]:
            hint = diagnose({k: got[k] for k in keys}, {k: expected[k] for k in keys},
                            [(h, {k: v[k] for k in keys}) for h, v in variants(sizes, 1 if N is None else N)],
                            rtol=0, atol=0)
            if hint is None and (got[key] < 0 or (expected[key] > 2 ** 53
                                                  and abs(got[key] - expected[key]) < expected[key] // 10 ** 6)):
                hint = INT_HINT          # a wrapped int64 (negative) or a rounded float (off in the last digits)
            hint = hint or ("Go layer by layer: layer l has a d_{l-1} x d_l weight matrix and d_l biases, and each of "
                            "the N * d_l entries of H W is a dot product of d_{l-1} multiply-adds.")
            fail(f"{what}: {key} expected {expected[key]:,}, got {got[key]:,}.", hint)


def random_sizes(rng, n_layers):
    return [int(rng.integers(1, 60))] + [int(rng.integers(2, 40)) for _ in range(n_layers - 1)] \
        + [int(rng.integers(1, 15))]


@weight(1)
def test_lecture_example(student, rng):
    """10,000 inputs, 10 hidden layers of 300, 1,000 classes, a batch of 32"""
    check(student, [10_000] + [300] * 10 + [1_000], 32)


@weight(2)
def test_parameters(student, rng):
    """weights and biases for random layer sizes, the hidden layers of different widths"""
    for _ in range(3):
        check(student, random_sizes(rng, int(rng.integers(3, 7))), int(rng.integers(1, 50)),
              keys=("weights", "biases"))


@weight(2)
def test_multiply_adds(student, rng):
    """multiply-adds of a forward pass of a random batch"""
    for _ in range(3):
        check(student, random_sizes(rng, int(rng.integers(2, 6))), int(rng.integers(2, 200)))


@weight(1)
def test_no_hidden_layer(student, rng):
    """two sizes: the inputs connect straight to the outputs"""
    check(student, [int(rng.integers(2, 100)), int(rng.integers(1, 20))], int(rng.integers(2, 30)))


@weight(1)
def test_one_example_by_default(student, rng):
    """N left out: the multiply-adds of one example"""
    check(student, random_sizes(rng, 3))


@weight(1)
def test_large_counts_are_exact(student, rng):
    """a wide network and a large batch: exact counts beyond float precision and 64-bit integers"""
    # odd sizes and an odd batch: the counts are odd numbers above 2**63, which neither float nor int64 holds
    sizes = [2 * int(rng.integers(10 ** 5, 10 ** 6)) + 1 for _ in range(3)]
    check(student, sizes, 2 * int(rng.integers(10 ** 7, 10 ** 8)) + 1)
