"""Hidden tests for Exercise 1, ``two_sided_difference(f_plus, f_minus, h)`` and
``one_sided_difference(f_plus, f_x, h)``.

two-sided: (f_plus - f_minus) / (2 h); one-sided: (f_plus - f_x) / h; elementwise,
h a float or an array of steps.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect_close, expect_dtype, weight

TWO, ONE = "two_sided_difference", "one_sided_difference"


def values(rng, shape, h):
    """f = a smooth random function of x evaluated at x +- h (sin with random phase and scale)."""
    x = rng.normal(size=shape)
    a, c = rng.uniform(0.5, 2.0), rng.uniform(-1.0, 1.0)

    def f(v):
        return a * np.sin(v + c) + v ** 2
    return f(x + h), f(x - h), f(x) * np.ones(np.broadcast(x, h).shape)


def two_sided_hint(got, fp, fm, h):
    """A hint naming the mistake that produces ``got`` on these values, if it is a known one."""
    return diagnose(got, (fp - fm) / (2 * h), [
        ("You divided by h, as in the one-sided difference: the points x - h and x + h are 2h apart, so divide "
         "by 2 * h. (Dividing by h doubles the estimate.)", lambda: (fp - fm) / h),
        ("The order matters: f_plus - f_minus, not f_minus - f_plus.", lambda: (fm - fp) / (2 * h)),
        ("Operator precedence: `/ 2 * h` divides by 2 and then multiplies by h. Write `/ (2 * h)`.",
         lambda: (fp - fm) / 2 * h),
        ("Use the step h you are given, not a fixed 1e-5.", lambda: (fp - fm) / (2 * 1e-5)),
        ("`//` is floor division: it rounds the estimate down to a whole number. Use `/`.",
         lambda: (fp - fm) // (2 * h)),
    ], "The central difference is (f_plus - f_minus) / (2 * h), entry by entry.", rtol=1e-6, atol=0)


def one_sided_hint(got, fp, fx, h):
    return diagnose(got, (fp - fx) / h, [
        ("You divided by 2h: the points x and x + h are h apart, so divide by h.", lambda: (fp - fx) / (2 * h)),
        ("The order matters: f_plus - f_x, not f_x - f_plus.", lambda: (fx - fp) / h),
        ("Use the step h you are given, not a fixed 1e-5.", lambda: (fp - fx) / 1e-5),
        ("`//` is floor division: it rounds the estimate down to a whole number. Use `/`.",
         lambda: (fp - fx) // h),
    ], "The forward difference is (f_plus - f_x) / h, entry by entry.", rtol=1e-6, atol=0)


@weight(2)
def test_two_sided(student, rng):
    """two_sided_difference on random arrays of values with one step h"""
    f = student.function(TWO)
    for n in (int(rng.integers(3, 20)), 1):
        h = float(10.0 ** rng.uniform(-6, -1))
        fp, fm, _ = values(rng, (n,), h)
        got = f(fp, fm, h)
        expect_close(got, (fp - fm) / (2 * h), f"two_sided_difference on {n} values with h = {h:.2e}",
                     two_sided_hint(got, fp, fm, h), rtol=1e-9, atol=0)


@weight(2)
def test_one_sided(student, rng):
    """one_sided_difference on random arrays of values with one step h"""
    f = student.function(ONE)
    for n in (int(rng.integers(3, 20)), 1):
        h = float(10.0 ** rng.uniform(-6, -1))
        fp, _, fx = values(rng, (n,), h)
        got = f(fp, fx, h)
        expect_close(got, (fp - fx) / h, f"one_sided_difference on {n} values with h = {h:.2e}",
                     one_sided_hint(got, fp, fx, h), rtol=1e-9, atol=0)


@weight(1)
def test_array_of_steps(student, rng):
    """both functions with an array of steps h (the error-versus-h plot)"""
    hs = np.logspace(-8, 0, int(rng.integers(5, 12)))
    fp, fm, fx = values(rng, (), hs)
    got = student.function(TWO)(fp, fm, hs)
    expect_close(got, (fp - fm) / (2 * hs), f"two_sided_difference with {hs.size} steps from 1e-8 to 1",
                 two_sided_hint(got, fp, fm, hs), rtol=1e-9, atol=0)
    got = student.function(ONE)(fp, fx, hs)
    expect_close(got, (fp - fx) / hs, f"one_sided_difference with {hs.size} steps from 1e-8 to 1",
                 one_sided_hint(got, fp, fx, hs), rtol=1e-9, atol=0)


@weight(1)
def test_two_dimensional(student, rng):
    """both functions on a 2-D array of values"""
    shape = (int(rng.integers(2, 5)), int(rng.integers(2, 5)))
    h = 1e-4
    fp, fm, fx = values(rng, shape, h)
    got = student.function(TWO)(fp, fm, h)
    expect_close(got, (fp - fm) / (2 * h), f"two_sided_difference on values of shape {shape}",
                 two_sided_hint(got, fp, fm, h), rtol=1e-9, atol=0)
    got = student.function(ONE)(fp, fx, h)
    expect_close(got, (fp - fx) / h, f"one_sided_difference on values of shape {shape}",
                 one_sided_hint(got, fp, fx, h), rtol=1e-9, atol=0)


@weight(1)
def test_plain_floats(student, rng):
    """both functions on plain floats, including large values and a large step"""
    for scale, h in ((1.0, 1e-5), (1e8, 0.5), (1e-3, 3.0)):
        fp, fm, fx = (float(v) for v in scale * rng.normal(size=3))
        got = student.function(TWO)(fp, fm, h)
        expect_close(got, (fp - fm) / (2 * h), f"two_sided_difference({fp:.4g}, {fm:.4g}, {h:g})",
                     two_sided_hint(got, fp, fm, h), rtol=1e-9, atol=0)
        got = student.function(ONE)(fp, fx, h)
        expect_close(got, (fp - fx) / h, f"one_sided_difference({fp:.4g}, {fx:.4g}, {h:g})",
                     one_sided_hint(got, fp, fx, h), rtol=1e-9, atol=0)


@weight(1)
def test_integer_values(student, rng):
    """integer arrays of values and an integer step give float estimates"""
    n = int(rng.integers(3, 12))
    fp, fm, fx = (rng.integers(-50, 50, size=n) for _ in range(3))
    h = int(rng.integers(2, 5))
    for name, other, expected, hint in ((TWO, fm, (fp - fm) / (2 * h), two_sided_hint),
                                        (ONE, fx, (fp - fx) / h, one_sided_hint)):
        what = f"{name} on {n} integer values with the integer step h = {h}"
        got = student.function(name)(fp, other, h)
        expect_dtype(got, "float", what, "A difference quotient is a float: divide with `/`, not `//`.")
        expect_close(got, expected, what, hint(got, fp, other, h), rtol=1e-9, atol=0)
