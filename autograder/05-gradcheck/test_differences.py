"""Hidden tests for Exercise 1: ``two_sided_difference(f_plus, f_minus, h)``,
``one_sided_difference(f_plus, f_x, h)`` and ``best_step(f_x, f_deriv, eps, two_sided) -> (h, error)``.

two-sided: (f_plus - f_minus) / (2 h); one-sided: (f_plus - f_x) / h; elementwise,
h a float or an array of steps.  best_step minimises the error model
E(h) = C h**p + eps |f(x)| / h (two-sided: p = 2, C = |f'''| / 6; one-sided: p = 1,
C = |f''| / 2); the expected step is found by the self-check's bisection on the sign of
E'(h), not by the closed form; where C = 0 it is (inf, 0).
"""

import numpy as np

from nncourse.checks.gradcheck import error_model as model
from nncourse.checks.gradcheck import model_minimum as minimum
from nncourse.grading.testing import diagnose, expect, expect_close, expect_dtype, make_test, weight

TWO, ONE, BEST = "two_sided_difference", "one_sided_difference", "best_step"
EPS64, EPS32 = float(np.finfo(np.float64).eps), float(np.finfo(np.float32).eps)


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


def check_one(student, name, fp, fm, fx, h, what):
    """``name``'s estimate from the values f(x + h), f(x - h), f(x); ``what`` describes them, e.g. "with 7 steps"."""
    if name == TWO:
        got = student.function(TWO)(fp, fm, h)
        expected, hint = (fp - fm) / (2 * h), two_sided_hint(got, fp, fm, h)
    else:
        got = student.function(ONE)(fp, fx, h)
        expected, hint = (fp - fx) / h, one_sided_hint(got, fp, fx, h)
    expect_close(got, expected, f"{name} {what}", hint, rtol=1e-9, atol=0)


def check_both(student, fp, fm, fx, h, what):
    """Both differences on the same values."""
    for name in (TWO, ONE):
        check_one(student, name, fp, fm, fx, h, what)


def random_values(name):
    """``name`` on a random array of values and on a single value, each with a random step h."""
    def check(student, rng):
        for n in (int(rng.integers(3, 20)), 1):
            h = float(10.0 ** rng.uniform(-6, -1))
            check_one(student, name, *values(rng, (n,), h), h, f"on {n} values with h = {h:.2e}")
    return check


test_two_sided = make_test(random_values(TWO), f"{TWO} on random arrays of values with one step h")
test_one_sided = make_test(random_values(ONE), f"{ONE} on random arrays of values with one step h")


@weight(1)
def test_arrays_of_steps_and_values(student, rng):
    """both functions with an array of steps h (the error-versus-h plot) and on a 2-D array of values"""
    hs = np.logspace(-8, 0, int(rng.integers(5, 12)))
    check_both(student, *values(rng, (), hs), hs, f"with {hs.size} steps from 1e-8 to 1")
    shape = (int(rng.integers(2, 5)), int(rng.integers(2, 5)))
    check_both(student, *values(rng, shape, 1e-4), 1e-4, f"on values of shape {shape}")


@weight(1)
def test_plain_floats(student, rng):
    """both functions on plain floats, including large values and a large step"""
    for scale, h in ((1.0, 1e-5), (1e8, 0.5), (1e-3, 3.0)):
        fp, fm, fx = (float(v) for v in scale * rng.normal(size=3))
        check_both(student, fp, fm, fx, h, f"on the floats ({fp:.4g}, {fm:.4g}, {fx:.4g}) with h = {h:g}")


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


# --------------------------------------------------------------------------- best_step

def step_variants(f_x, f_deriv, eps, two_sided, default_eps):
    """(hint, the step a known mistake returns) on this input; ``default_eps``: the call left eps out."""
    F, D = np.abs(f_x), np.abs(f_deriv)
    signed = (eps * f_x / (3 * f_deriv)) ** (1 / 3) if two_sided else np.sqrt(eps * 2 * f_x / f_deriv)
    out = [
        ("f(x) and the derivative may be negative: the model holds their magnitudes, np.abs(f_x) and "
         "np.abs(f_deriv) (a power 1/3 or a square root of a negative number is nan).", signed),
        ("The best step depends on the function: the round-off term is eps |f(x)| / h, so |f(x)| belongs in the "
         "step.", (3 * eps / D) ** (1 / 3) if two_sided else np.sqrt(2 * eps / D)),
        ("The rule of thumb eps**(1/3) ignores |f(x)| and the derivative: minimise the model with them.",
         np.cbrt(eps) + 0 * F if two_sided else np.sqrt(eps) + 0 * F),
    ]
    if default_eps:
        out.append(("The default eps is float64's machine epsilon, np.finfo(float).eps (2.2e-16), not float32's.",
                    minimum(f_x, f_deriv, EPS32, two_sided)[0]))
    if two_sided:
        out += [
            ("Setting the two terms equal is not the same as minimising their sum: solve dE/dh = 0.",
             (6 * eps * F / D) ** (1 / 3)),
            ("The two-sided model's truncation term is h**2 / 6 |f'''(x)| (from the h**3 / 6 term of Taylor's "
             "expansion), not h**2 / 2.", (eps * F / D) ** (1 / 3)),
            ("With two_sided=True minimise E_2 (truncation h**2 / 6 |f'''|): its minimiser is a cube root, not a "
             "square root.", np.sqrt(2 * eps * F / D)),
        ]
    else:
        out.append(("With two_sided=False minimise E_1 (truncation h / 2 |f''|): its minimiser is a square root, "
                    "not a cube root.", (3 * eps * F / D) ** (1 / 3)))
    return out


def error_variants(f_x, f_deriv, eps, two_sided, h):
    finite = np.where(np.isfinite(h), h, 1.0)
    roundoff = np.where(np.isfinite(h), eps * np.abs(f_x) / finite, 0.0)
    signed = f_deriv / (6.0 if two_sided else 2.0) * finite ** (2 if two_sided else 1) + eps * f_x / finite
    return [
        ("f(x) and the derivative may be negative: the model holds their magnitudes, np.abs(f_x) and "
         "np.abs(f_deriv), and the error is never negative.", np.where(np.isfinite(h), signed, 0.0)),
        ("The error is the whole model at the best step: the truncation term plus the round-off term.",
         np.where(np.isfinite(h), model(finite, f_x, f_deriv, eps, two_sided), 0.0) - roundoff),
        ("The error is the whole model at the best step: the round-off term plus the truncation term.", roundoff),
        ("Where the truncation term vanishes the model's error falls to 0 as h grows: return error = 0 there.",
         np.where(np.isfinite(h), model(finite, f_x, f_deriv, eps, two_sided), np.nan)),
    ]


def as_floats(value):
    """``value`` as a float array, or None when it is not numbers."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


def check_step(student, f_x, f_deriv, what, eps=None, two_sided=None):
    """Call best_step (leaving out the arguments that are None) and compare h and error with the model's minimum."""
    args = (f_x, f_deriv) + (() if eps is None else (eps,))
    kwargs = {} if two_sided is None else {"two_sided": two_sided}
    eps = EPS64 if eps is None else eps
    two_sided = True if two_sided is None else two_sided
    out = student.function(BEST)(*args, **kwargs)
    expect(isinstance(out, (tuple, list)) and len(out) == 2,
           f"{what}: expected a pair (h, error), got {type(out).__name__}"
           + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else "") + ".",
           "End the function with `return h, error`.")
    h_right, e_right = minimum(f_x, f_deriv, eps, two_sided)
    with np.errstate(all="ignore"):
        hint = diagnose(out[0], h_right, step_variants(np.asarray(f_x, float), np.asarray(f_deriv, float), eps,
                                                       two_sided, len(args) == 2),
                        "Write E(h), set dE/dh = 0 and solve for h (h > 0).", rtol=1e-6, atol=0)
        flat, got_h = np.isinf(h_right), as_floats(out[0])
        if flat.any() and got_h is not None and got_h.shape == flat.shape and not np.all(np.isinf(got_h[flat])):
            hint = ("Where f_deriv is 0 the truncation term vanishes and the model's error keeps falling as h "
                    "grows: return h = inf (np.inf) there.")
    expect_close(out[0], h_right, f"{what}: h", hint, rtol=1e-6, atol=0)
    with np.errstate(all="ignore"):
        hint = diagnose(out[1], e_right, error_variants(np.asarray(f_x, float), np.asarray(f_deriv, float), eps,
                                                        two_sided, h_right),
                        "Return E(h) at your best step: the truncation term plus the round-off term.", rtol=1e-6,
                        atol=0)
    expect_close(out[1], e_right, f"{what}: error", hint, rtol=1e-6, atol=0)


def signed(rng, n, lo=-3.0, hi=2.0):
    """n numbers of random sign whose magnitudes spread over lo..hi decades."""
    return rng.choice([-1.0, 1.0], size=n) * 10.0 ** rng.uniform(lo, hi, size=n)


@weight(2)
def test_best_step_two_sided(student, rng):
    """best_step for the two-sided model: random f(x) and f'''(x) of both signs, float64's epsilon by default"""
    for _ in range(3):
        f_x, f3 = (float(v) for v in signed(rng, 2))
        check_step(student, f_x, f3, f"best_step({f_x:.4g}, {f3:.4g})")


@weight(2)
def test_best_step_one_sided(student, rng):
    """best_step(..., two_sided=False): the one-sided model, random f(x) and f''(x) of both signs"""
    for _ in range(3):
        f_x, f2 = (float(v) for v in signed(rng, 2))
        eps = float(rng.choice([EPS64, EPS32]))
        check_step(student, f_x, f2, f"best_step({f_x:.4g}, {f2:.4g}, eps={eps:.3g}, two_sided=False)",
                   eps=eps, two_sided=False)


@weight(1)
def test_best_step_other_epsilon(student, rng):
    """an epsilon other than float64's (float32's, or a random one) moves the best step"""
    for eps in (EPS32, float(10.0 ** rng.uniform(-14, -4))):
        f_x, f3 = (float(v) for v in signed(rng, 2))
        check_step(student, f_x, f3, f"best_step({f_x:.4g}, {f3:.4g}, eps={eps:.3g})", eps=eps)


@weight(1)
def test_best_step_elementwise(student, rng):
    """arrays of f(x) and derivatives, both models, 1-D and 2-D"""
    n = int(rng.integers(3, 9))
    f_x, f3 = signed(rng, n), signed(rng, n)
    check_step(student, f_x, f3, f"best_step on {n} points")
    shape = (2, int(rng.integers(2, 5)))
    f_x, f2 = signed(rng, shape[0] * shape[1]).reshape(shape), signed(rng, shape[0] * shape[1]).reshape(shape)
    check_step(student, f_x, f2, f"best_step on points of shape {shape}, two_sided=False", two_sided=False)


@weight(2)
def test_best_step_without_truncation(student, rng):
    """a derivative of 0 (no truncation error): h = inf and error 0, alone and among other points"""
    f_x = float(signed(rng, 1)[0])
    check_step(student, f_x, 0.0, f"best_step({f_x:.4g}, 0.0)")
    n = int(rng.integers(4, 9))
    f_x, f_deriv = signed(rng, n), signed(rng, n)
    f_deriv[rng.choice(n, size=2, replace=False)] = 0.0
    check_step(student, f_x, f_deriv, f"best_step on {n} points, two of them with f''(x) = 0, two_sided=False",
               two_sided=False)
