"""Hidden tests for Exercise 1, ``sigmoid(z)`` and ``sigmoid_prime(z)``.

Both elementwise on arrays of any shape: sigma(z) = 1 / (1 + exp(-z)) and
sigma'(z) = sigma(z) (1 - sigma(z)); finite, with exact limits and without warnings, for |z| up to 1000.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect_close, expect_no_warnings, expect_shape, weight, wide_range

STABLE = ("exp() of a large positive number overflows to inf, and inf / inf is nan: use exp(-|z|), which is "
          "at most 1, with 1 / (1 + e) where z >= 0 and e / (1 + e) where z < 0.")


EXACT = ("sigma(z) must be exact and finite for every z: with e = exp(-|z|) (at most 1, so it never overflows), "
         "sigma(z) = 1 / (1 + e) where z >= 0 and e / (1 + e) where z < 0. Clipping z changes sigma(20) and sigma(40).")


def sig(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def draw(rng, n=None, scale=3.0):
    n = int(rng.integers(2, 9)) if n is None else n
    d = int(rng.integers(2, 7))
    return rng.normal(0.0, scale, size=(n, d))


def big(rng):
    """A batch covering both sides of exp() overflow: 0, 20, 40, 700, 710, 745, 800 and 1000, both signs."""
    return wide_range(rng, (int(rng.integers(4, 7)), 6), limit=1000.0)


NO_WARNINGS = ("The exercise asks for no warnings. exp() of a large positive number overflows, even inside "
               "np.where (which computes both branches for every entry before it picks): exponentiate only "
               "-|z| (np.exp(-np.abs(z)) is at most 1), or index the entries of each sign.")


def hinted(got, expected, what, hint, wrong, atol=1e-8):
    """expect_close with the hint of the mistake in ``wrong`` ((answer, hint) pairs) that ``got`` confirms."""
    arr = expect_shape(got, expected.shape, what, "Return an array of z's shape: work elementwise.")
    hint = diagnose(arr, expected, [(text, candidate) for candidate, text in wrong], hint, atol=1e-8)
    return expect_close(arr, expected, what, hint, atol=atol)


def sigmoid_hints(z):
    return [(sig(-z), "You computed sigma(-z) = 1 / (1 + exp(z)): the exponent is -z."),
            (sig(2 * z), "(1 + tanh(z)) / 2 is sigma(2 z); the identity is sigma(z) = (1 + tanh(z / 2)) / 2.")]


def prime_hints(z, student=None):
    s = sig(z)
    own = []
    if student is not None:
        try:
            with np.errstate(all="ignore"):
                mine = np.asarray(student.function("sigmoid")(z), dtype=float)
                if mine.shape == z.shape and not np.allclose(mine, s):
                    own = [(mine * (1 - mine), "Your sigmoid_prime is right for your sigmoid, but your sigmoid gives "
                                               "wrong values here: fix sigmoid first (see its tests).")]
        except Exception:
            pass
    return own + [(z * (1 - z), "You evaluated z (1 - z). The derivative is sigma(z) (1 - sigma(z)): compute "
                          "s = sigmoid(z) first and return s * (1 - s)."),
            (s, "You returned sigma(z) itself; the derivative is sigma(z) (1 - sigma(z))."),
            (s * (1 + s), "The derivative is sigma(z) (1 - sigma(z)), with a minus sign."),
            (1 - s, "A factor is missing: the derivative is sigma(z) times (1 - sigma(z)).")]


@weight(2)
def test_sigmoid_values(student, rng):
    """sigmoid(z) matches 1 / (1 + exp(-z)) on a random batch"""
    z = draw(rng)
    hinted(student.function("sigmoid")(z), sig(z), f"sigmoid(z) for z of shape {z.shape}",
           "sigma(z) = 1 / (1 + exp(-z)), elementwise.", sigmoid_hints(z))


@weight(1)
def test_sigmoid_any_shape(student, rng):
    """sigmoid works on a vector, a batch of one and a 3-D array"""
    f = student.function("sigmoid")
    for shape in ((int(rng.integers(2, 9)),), (1, int(rng.integers(2, 6))), (2, 3, int(rng.integers(2, 5)))):
        z = rng.normal(0.0, 3.0, size=shape)
        hinted(f(z), sig(z), f"sigmoid(z) for z of shape {shape}",
               "Work elementwise on an array of any shape (no loops over rows, no fixed axis).", sigmoid_hints(z))


@weight(2)
def test_sigmoid_large_inputs(student, rng):
    """sigmoid is exactly 0 and 1 at z = -1000 and 1000, never nan"""
    z = big(rng)
    what = f"sigmoid(z) for z of shape {z.shape} with |z| from 0 to 1000"
    hinted(student.function("sigmoid")(z), sig(z), what,
           EXACT, sigmoid_hints(z), atol=1e-12)
    expect_no_warnings(student, what, NO_WARNINGS)


@weight(2)
def test_sigmoid_prime_values(student, rng):
    """sigmoid_prime(z) = sigma(z) (1 - sigma(z)) on a random batch"""
    z = draw(rng)
    s = sig(z)
    hinted(student.function("sigmoid_prime")(z), s * (1 - s), f"sigmoid_prime(z) for z of shape {z.shape}",
           "sigma'(z) = sigma(z) (1 - sigma(z)), elementwise.", prime_hints(z, student))


@weight(1)
def test_sigmoid_prime_large_inputs(student, rng):
    """sigmoid_prime is about 0 at z = +-1000, never nan"""
    z = big(rng)
    s = sig(z)
    what = f"sigmoid_prime(z) for z of shape {z.shape} with |z| from 0 to 1000"
    got = student.function("sigmoid_prime")(z)
    expect_no_warnings(student, what, NO_WARNINGS)
    hinted(got, s * (1 - s), what,
           "Compute the derivative from your stable sigmoid, s * (1 - s): exp(-z) / (1 + exp(-z))**2 "
           "is inf / inf = nan at z = -1000.", prime_hints(z, student), atol=1e-12)


@weight(1)
def test_batch_of_one(student, rng):
    """both functions keep the shape (1, D) of a batch of one"""
    z = draw(rng, n=1)
    s = sig(z)
    hinted(student.function("sigmoid")(z), s, f"sigmoid(z) for a batch of one, shape {z.shape}",
           "Keep the shape of z.", sigmoid_hints(z))
    hinted(student.function("sigmoid_prime")(z), s * (1 - s), f"sigmoid_prime(z) for a batch of one, shape {z.shape}",
           "Keep the shape of z.", prime_hints(z, student))
