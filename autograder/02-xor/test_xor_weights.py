"""Hidden tests for Exercise 1, ``xor_weights() -> {"W1", "b1", "W2", "b2"}``.

The network is h = phi(x W1 + b1), y = phi(h W2 + b2) with phi(z) = 1 for z >= 0
and 0 otherwise.  Any weights are accepted whose network computes XOR on the
four corners and on every input within 0.1 of a corner (each coordinate moved
by at most 0.1).
"""

import numpy as np

from nncourse.checks.xor import CORNERS, SHAPES, XOR
from nncourse.checks.xor import table_name as name
from nncourse.grading.testing import expect, expect_dtype, expect_shape, weight

# graded by what the weights compute, not by agreement with a reference: for mutation testing
# (nncourse.grading.mutate), a changed reference that still earns full marks is a valid answer
OPEN_ENDED = True


def fail(message, hint=None):
    """Fail the test with ``message`` and, when given, a hint."""
    expect(False, message, hint)


NAME = "xor_weights"


def step(z):
    return (z >= 0).astype(float)


def get_weights(student, strict=False):
    """The student's weights as float arrays; shapes normalised where unambiguous unless ``strict``."""
    out = student.function(NAME)()
    if not isinstance(out, dict):
        fail(f"xor_weights() returned a {type(out).__name__}, expected a dict with keys W1, b1, W2, b2.",
             'End the function with `return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}`.')
    missing = [k for k in SHAPES if k not in out]
    expect(not missing, f"xor_weights(): the dict has keys {sorted(map(str, out))}, missing {missing}.",
           'Use the keys "W1", "b1", "W2", "b2".')
    p = {}
    for key, shape in SHAPES.items():
        what = f"xor_weights()[{key!r}]"
        hint = "W1 is (2, 2) with one column per hidden unit, b1 is (2,), W2 is (2, 1), b2 is (1,)."
        if strict:
            expect_dtype(out[key], "float", what, "The statement asks for float arrays: np.array([[1.0, 1.0], ...]), "
                         "or np.array(..., dtype=float); integer literals make an integer array, lists are no arrays.")
            arr = expect_shape(out[key], shape, what, hint)
        else:
            try:
                arr = np.asarray(out[key], dtype=float)
            except (TypeError, ValueError):
                fail(f"{what} is a {type(out[key]).__name__}, expected an array of numbers.", hint)
            if arr.size == int(np.prod(shape)) and key != "W1":
                arr = arr.reshape(shape)
            arr = expect_shape(arr, shape, what, hint)
        expect(np.all(np.isfinite(arr)), f"{what} contains nan or inf.", "Use finite numbers.")
        p[key] = arr
    return p


def run(x, p):
    h = step(x @ p["W1"] + p["b1"])
    return h, step(h @ p["W2"] + p["b2"])[:, 0]


@weight(1)
def test_returns_weights_with_shapes(student, rng):
    """returns a dict of float arrays W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)"""
    get_weights(student, strict=True)


@weight(3)
def test_computes_xor_on_the_corners(student, rng):
    """the network computes XOR on (0,0), (0,1), (1,0), (1,1)"""
    p = get_weights(student)
    order = rng.permutation(4)                   # the corners in a random order, as one batch
    h, y = run(CORNERS[order], p)
    back = np.argsort(order)
    h, y = h[back], y[back]
    if not np.array_equal(y, XOR):
        units = " and ".join(name(h[:, j]) for j in range(2))
        hint = (f"Your hidden units compute {units}. XOR = h1 AND NOT h2 with h1 = OR and h2 = AND; "
                "phi(z) is 1 when z >= 0, so a pre-activation of exactly 0 counts as 1.")
        if name(h[:, 0]) in ("OR", "AND") and name(h[:, 1]) in ("OR", "AND") and name(h[:, 0]) != name(h[:, 1]):
            hint = (f"Your hidden units are right ({units}); the output unit must fire when the OR unit "
                    "is 1 and the AND unit is 0: a positive weight on OR, a negative one on AND, and a bias "
                    "between.")
        fail(f"xor_weights(): on the corners (0,0), (0,1), (1,0), (1,1) your network outputs "
             f"{y.astype(int).tolist()}, which is {name(y)}; expected [0, 1, 1, 0] (XOR).", hint)


@weight(2)
def test_computes_xor_near_the_corners(student, rng):
    """still XOR for every input within 0.1 of a corner"""
    p = get_weights(student)
    _, y = run(CORNERS, p)
    expect(np.array_equal(y, XOR), "xor_weights(): the network does not compute XOR on the corners themselves, "
           "so it cannot near them either.", "Get the four corners right first.")
    # A linear unit is extreme over a box at the box's vertices: check them, and random points inside.
    box = np.array([[a, b] for a in (-0.1, 0.1) for b in (-0.1, 0.1)])
    for corner, target in zip(CORNERS, XOR):
        pts = np.vstack([corner + box, corner + rng.uniform(-0.1, 0.1, size=(50, 2))])
        h, y = run(pts, p)
        bad = np.flatnonzero(y != target)
        if bad.size:
            h0, _ = run(corner[None, :], p)
            flipped = [j + 1 for j in range(2) if h[bad[0], j] != h0[0, j]]
            fail(f"xor_weights(): at x = ({pts[bad[0], 0]:.3f}, {pts[bad[0], 1]:.3f}), within 0.1 of the corner "
                 f"({int(corner[0])}, {int(corner[1])}), the network outputs {int(y[bad[0]])}, expected {int(target)}.",
                 (f"Hidden unit {flipped[0]} changes its output there: its line" if flipped else "A line")
                 + " passes through or next to a corner. Place each line halfway between the corners it "
                 "separates, so that every pre-activation is far from 0 at the corners.")
