"""Hidden tests for Exercise 1, ``sigmoid(z)`` and ``sigmoid_prime(z)``.

Both elementwise on arrays of any shape: sigma(z) = 1 / (1 + exp(-z)) and
sigma'(z) = sigma(z) (1 - sigma(z)); finite, with exact limits, at |z| = 1000.
"""

import numpy as np

from nncourse.grading.testing import expect_close, expect_shape, weight

STABLE = ("exp() of a large positive number overflows to inf, and inf / inf is nan: use exp(-|z|), which is "
          "at most 1, with 1 / (1 + e) where z >= 0 and e / (1 + e) where z < 0.")


def sig(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def draw(rng, n=None, scale=3.0):
    n = int(rng.integers(2, 9)) if n is None else n
    d = int(rng.integers(2, 7))
    return rng.normal(0.0, scale, size=(n, d))


def big(rng):
    """A batch with entries of +-1000, +-40 and values between 700 and 1000 in size."""
    z = draw(rng, scale=2.0)
    z[0, :2] = 1000.0, -1000.0
    z[-1, -1] = float(rng.uniform(700.0, 1000.0))
    z[-1, 0] = -float(rng.uniform(700.0, 1000.0))
    z[0, -1] = rng.choice([-40.0, 40.0])
    return z


def hinted(got, expected, what, hint, wrong, atol=1e-8):
    """expect_close with a hint chosen from ``wrong`` (answer -> hint) when ``got`` matches a known mistake."""
    arr = expect_shape(got, expected.shape, what, "Return an array of z's shape: work elementwise.")
    for candidate, text in wrong:
        with np.errstate(all="ignore"):
            if np.allclose(arr, candidate, rtol=1e-6, atol=1e-8) and not np.allclose(candidate, expected):
                hint = text
                break
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
    hinted(student.function("sigmoid")(z), sig(z), f"sigmoid(z) for z of shape {z.shape} with entries of +-1000",
           STABLE, sigmoid_hints(z), atol=1e-12)


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
    hinted(student.function("sigmoid_prime")(z), s * (1 - s),
           f"sigmoid_prime(z) for z of shape {z.shape} with entries of +-1000",
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
