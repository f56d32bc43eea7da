"""Hidden tests for Exercise 4, ``width_depth_counts(w, k) -> (n_weights, n_paths)``.

A fully connected network of width w with k hidden layers (and w inputs, w
outputs) has w^2 (k + 1) weights and w^(k + 2) input-to-output paths.
"""


from nncourse.grading.testing import expect, weight


def fail(message, hint=None):
    """Fail the test with ``message`` and, when given, a hint."""
    expect(False, message, hint)


NAME = "width_depth_counts"


def walk(w, k):
    """Count layer by layer with Python ints: paths reaching each unit of the next layer."""
    weights, paths_to = 0, [1] * w
    for _ in range(k + 1):
        weights += w * w
        paths_to = [sum(paths_to)] * w
    return weights, sum(paths_to)


def answer(student, w, k):
    what = f"width_depth_counts(w={w}, k={k})"
    out = student.function(NAME)(w, k)
    expect(isinstance(out, (tuple, list)) and len(out) == 2,
           f"{what}: expected a pair (n_weights, n_paths), got {type(out).__name__}"
           + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else "") + ".",
           "End the function with `return n_weights, n_paths`.")
    for v, label in zip(out, ("n_weights", "n_paths")):
        if isinstance(v, bool) or not isinstance(v, int):
            fail(f"{what}: {label} should be a whole number (a Python int), got {type(v).__name__}"
                 + (f" {v!r}" if isinstance(v, float) else "") + ".",
                 "Count with Python ints (w ** (k + 2)): a float rounds large counts, and NumPy's int64 wraps "
                 "around above 9.2e18.")
    return what, out


def check_weights(student, w, k):
    what, (got, paths) = answer(student, w, k)
    expected = walk(w, k)
    if got != expected[0]:
        hint = "There are k + 1 weight matrices of w x w between the k + 2 layers: w**2 * (k + 1)."
        if got == w * w * (k + 2):
            hint = "k + 2 layers (input, k hidden, output) have only k + 1 weight matrices between them."
        elif got == w * w * k:
            hint = "Count the matrices into the first hidden layer and out of the last: k + 1 in all."
        elif (got, paths) == expected[::-1]:
            hint = "The pair is in the wrong order: return (n_weights, n_paths)."
        fail(f"{what}: n_weights expected {expected[0]}, got {got!r}.", hint)


def check_paths(student, w, k):
    what, (weights, got) = answer(student, w, k)
    expected = walk(w, k)
    if got != expected[1]:
        hint = "A path picks one of w units in each of the k + 2 layers: w ** (k + 2)."
        if got == w ** (k + 1):
            hint = "Count the choice of unit in every layer, the input and the output layer included: k + 2 layers."
        elif got == w ** k:
            hint = "The path also chooses its input unit and its output unit: w ** (k + 2), not w ** k."
        elif got == w * (k + 2):
            hint = "The choices in successive layers multiply (w * w * ...), they do not add up."
        elif (weights, got) == expected[::-1]:
            hint = "The pair is in the wrong order: return (n_weights, n_paths)."
        elif isinstance(got, float) or got < 0 or (expected[1] > 2 ** 63 and got != expected[1]):
            hint = ("The exact count has more digits than a 64-bit integer or a float can hold: NumPy's int64 "
                    "wraps around above 9.2e18 and floats round. Use Python ints: w ** (k + 2).")
        fail(f"{what}: n_paths expected {expected[1]}, got {got!r}.", hint)


@weight(1)
def test_returns_a_pair(student, rng):
    """returns a pair (n_weights, n_paths) of whole numbers"""
    answer(student, int(rng.integers(2, 6)), int(rng.integers(1, 4)))


@weight(2)
def test_weights(student, rng):
    """the number of weights, random widths and depths"""
    for _ in range(3):
        check_weights(student, int(rng.integers(2, 30)), int(rng.integers(1, 12)))


@weight(2)
def test_paths(student, rng):
    """the number of input-to-output paths, random widths and depths"""
    for _ in range(3):
        check_paths(student, int(rng.integers(2, 12)), int(rng.integers(1, 8)))


@weight(1)
def test_no_hidden_layer(student, rng):
    """k = 0: the inputs connect straight to the outputs"""
    w = int(rng.integers(2, 20))
    check_weights(student, w, 0)
    check_paths(student, w, 0)


@weight(1)
def test_large_counts_are_exact(student, rng):
    """exact counts beyond 64-bit integers and float precision (odd w = 51..199, k = 10..15)"""
    # odd w: w ** (k + 2) is then an odd number above 2**53, which no float holds exactly
    w, k = 2 * int(rng.integers(25, 100)) + 1, int(rng.integers(10, 16))
    check_weights(student, w, k)
    check_paths(student, w, k)
