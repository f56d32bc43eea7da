"""Hidden tests for Exercise 2, ``leaky_relu(z, alpha=0.01)`` and ``leaky_relu_prime(z, alpha=0.01)``.

g(z) = max(0, z) + alpha min(0, z); g'(z) = 1 where z > 0, alpha elsewhere; any shape, -1 <= alpha < 1.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect_close, expect_dtype, expect_shape, weight, with_kinks


def leaky(z, alpha):
    return np.maximum(z, 0.0) + alpha * np.minimum(z, 0.0)


def leaky_prime(z, alpha):
    return np.where(z > 0, 1.0, alpha)


def draw(rng, n=None):
    """A batch with entries of both signs and some exactly 0 (the kink, where g'(0) = alpha)."""
    n = int(rng.integers(2, 9)) if n is None else n
    z = with_kinks(rng, (n, int(rng.integers(3, 7))), kinks=(0.0,), scale=3.0)
    z[0, 0], z[-1, -1] = -abs(z[0, 0]) - 0.1, abs(z[-1, -1]) + 0.1   # at least one of each sign
    return z


def draw_alpha(rng):
    return float(rng.choice([rng.uniform(0.02, 0.9), rng.uniform(-0.9, -0.05)]))


def hinted(got, expected, what, hint, wrong):
    arr = expect_shape(got, expected.shape, what, "Return an array of z's shape: work elementwise.")
    hint = diagnose(arr, expected, [(text, candidate) for candidate, text in wrong], hint, rtol=1e-5, atol=1e-8)
    return expect_close(arr, expected, what, hint)


def value_hints(z, alpha):
    return [(np.where(z > 0, alpha * z, z),
             "alpha is on the wrong side: the slope is 1 for z > 0 and alpha for z <= 0."),
            (np.maximum(z, 0) + alpha * z, "max(0, z) + alpha * z adds alpha * z to the positive entries too; "
                                           "use alpha * min(0, z)."),
            (leaky(z, 0.01), "You used the slope 0.01 whatever alpha is: use the argument alpha."),
            (np.maximum(z, 0), "That is the plain ReLU: negative entries get the slope alpha, not 0.")]


def prime_hints(z, alpha):
    return [((z > 0).astype(float), "That is the ReLU's derivative: for z <= 0 the slope is alpha, not 0."),
            (np.where(z > 0, 1.0, alpha * z),
             "For z <= 0 the derivative of alpha * z is the constant alpha, not alpha * z."),
            (leaky(z, alpha), "You returned g(z); the derivative is 1 for z > 0 and alpha for z <= 0."),
            (np.where(z > 0, z, alpha), "For z > 0 the derivative of z is 1, not z."),
            (leaky_prime(z, 0.01), "You used the slope 0.01 whatever alpha is: use the argument alpha."),
            (np.where(z > 0, alpha, 1.0), "alpha is on the wrong side: the slope is 1 for z > 0 and alpha for z <= 0."),
            (np.where(z >= 0, 1.0, alpha), "At the kink z = 0 the derivative is the left one, alpha: "
                                           "use z > 0 for the slope 1, not z >= 0.")]



# name -> (reference, the known mistakes' results and hints, the rule)
FUNCTIONS = {
    "leaky_relu": (leaky, value_hints, "g(z) = z where z > 0 and alpha * z where z <= 0."),
    "leaky_relu_prime": (leaky_prime, prime_hints, "g'(z) is 1 where z > 0 and alpha where z <= 0."),
}


def check(student, name, z, alpha, where=None, hint=None, dtype_hint=None):
    """``name(z, alpha)`` (``name(z)``, the default slope 0.01, when ``alpha`` is None) against the reference.

    The message names the call and ``where`` (default: z's shape); the hint is the known mistake the
    result matches, else ``hint`` or the rule.  With ``dtype_hint`` the result must be a float array.
    """
    reference, wrong, rule = FUNCTIONS[name]
    slope = 0.01 if alpha is None else alpha
    what = (f"{name}(z)" if alpha is None else f"{name}(z, alpha={alpha:.4g})") + " " + (
        where or f"for z of shape {z.shape}")
    got = student.function(name)(z) if alpha is None else student.function(name)(z, alpha)
    if dtype_hint:
        expect_dtype(got, "float", what, dtype_hint)
    hinted(got, reference(z, slope), what, hint or rule, wrong(z, slope))


@weight(2)
def test_values(student, rng):
    """leaky_relu(z, alpha) for a random batch and a random slope"""
    check(student, "leaky_relu", draw(rng), draw_alpha(rng))


@weight(2)
def test_prime_values(student, rng):
    """leaky_relu_prime(z, alpha) is 1 where z > 0 and alpha elsewhere"""
    check(student, "leaky_relu_prime", draw(rng), draw_alpha(rng))


@weight(1)
def test_relu_and_abs(student, rng):
    """alpha = 0 gives the ReLU, alpha = -1 the absolute value; the derivative is a float array"""
    z = draw(rng)
    for alpha in (0.0, -1.0):
        check(student, "leaky_relu", z, alpha)
        check(student, "leaky_relu_prime", z, alpha,
              dtype_hint="The slopes are floats (1.0 and alpha): return a float array, e.g. "
                         "np.where(z > 0, 1.0, alpha), not a boolean or integer mask.")


@weight(1)
def test_default_alpha(student, rng):
    """without alpha both functions use the slope 0.01"""
    z = draw(rng)
    for name in FUNCTIONS:
        check(student, name, z, None, f"with the default alpha, z of shape {z.shape}",
              f"Give alpha the default value in the signature: def {name}(z, alpha=0.01).")


@weight(1)
def test_any_shape_and_large_values(student, rng):
    """both functions on a vector, a batch of one and a 3-D array, with entries of +-1000"""
    alpha = draw_alpha(rng)
    for shape in ((int(rng.integers(2, 9)),), (1, int(rng.integers(2, 6))), (2, 3, int(rng.integers(2, 5)))):
        z = rng.normal(0.0, 3.0, size=shape)
        z.flat[0], z.flat[-1] = 1000.0, -1000.0
        where = f"for z of shape {shape} with entries of +-1000"
        check(student, "leaky_relu", z, alpha, where, "Work elementwise on an array of any shape, e.g. with np.where.")
        check(student, "leaky_relu_prime", z, alpha, where,
              "Return an array of z's shape: np.where(z > 0, 1.0, alpha) broadcasts.")
