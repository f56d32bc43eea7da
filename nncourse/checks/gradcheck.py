r"""Self-checks for lesson 05, "Gradient checking".

Each function takes the student's answer and tries it on small, fixed
examples whose answers are known by construction (worked by hand) or computed
with :mod:`nncourse.gradcheck`::

    from nncourse.checks import gradcheck as check
    check.differences(two_sided_difference, one_sided_difference, best_step)
    check.relative_error(relative_error)
    check.numerical_gradient(numerical_gradient)
    check.tanh_layer_gradcheck(tanh_layer_gradcheck)
    check.find_bugs(find_bugs)
"""

from __future__ import annotations

import numpy as np

from nncourse import gradcheck as _library
from nncourse._compare import diagnose, matches
from nncourse.checks import as_number, check_close, check_shape, check_tuple, fail, finish, passed

__all__ = ["differences", "relative_error", "numerical_gradient", "tanh_layer_gradcheck", "find_bugs"]


def _quiet(fn, *args, **kwargs):
    """Call the student's ``fn`` without printing NumPy warnings (the check looks at the result)."""
    with np.errstate(all="ignore"):
        return fn(*args, **kwargs)


def _close(got, value, rtol=1e-6) -> bool:
    return matches(got, value, rtol=rtol, atol=1e-12)


# --------------------------------------------------------------------------- exercise 1

def error_model(h, f_x, f_deriv, eps, two_sided):
    """The error model E(h) of the two-sided (or one-sided) difference, elementwise (the hidden suite uses it too)."""
    h = np.asarray(h, dtype=float)
    C = np.abs(f_deriv) / (6.0 if two_sided else 2.0)
    return C * h ** (2 if two_sided else 1) + eps * np.abs(f_x) / h


def model_minimum(f_x, f_deriv, eps, two_sided):
    """The step where E'(h) = 0, by bisection on log h (no closed form), and E there; (inf, 0) without curvature.

    Shapes: ``f_x`` and ``f_deriv`` broadcast together; both results have their broadcast shape.
    """
    f_x, f_deriv = np.broadcast_arrays(np.asarray(f_x, dtype=float), np.asarray(f_deriv, dtype=float))
    p = 2 if two_sided else 1
    C = np.abs(f_deriv) / (6.0 if two_sided else 2.0)
    lo, hi = np.full(f_x.shape, -300.0), np.full(f_x.shape, 300.0)        # log10 h
    with np.errstate(all="ignore"):
        for _ in range(200):             # h**2 E'(h) = p C h**(p + 1) - eps |f| rises with h
            mid = (lo + hi) / 2
            rising = p * C * 10.0 ** ((p + 1) * mid) > eps * np.abs(f_x)
            hi, lo = np.where(rising, mid, hi), np.where(rising, lo, mid)
        h = np.where(C > 0, 10.0 ** ((lo + hi) / 2), np.inf)
        error = np.where(C > 0, error_model(h, f_x, f_deriv, eps, two_sided), 0.0)
    return h, error


def _step_hint(got_h, f_x, f_deriv, eps, two_sided):
    """A hint naming the mistake whose step equals ``got_h`` on this input, if it is a known one."""
    with np.errstate(all="ignore"):
        return _step_hint_quiet(got_h, f_x, f_deriv, eps, two_sided)


def _step_hint_quiet(got_h, f_x, f_deriv, eps, two_sided):
    F, D = np.abs(f_x), np.abs(f_deriv)
    if not np.all(np.isfinite(np.asarray(got_h, dtype=float)[np.asarray(D) > 0])):
        return ("f(x) and the derivative may be negative: the model holds their magnitudes, np.abs(f_x) and "
                "np.abs(f_deriv) (a power 1/3 of a negative number is nan).")
    variants = [
        ("Setting the two terms equal is not the same as minimising their sum: solve dE/dh = 0.",
         (6 * eps * F / D) ** (1 / 3) if two_sided else None),
        ("The two-sided model's truncation term is h**2 / 6 |f'''(x)| (from the h**3 / 6 term of Taylor's "
         "expansion), not h**2 / 2.", (eps * F / D) ** (1 / 3) if two_sided else None),
        ("With two_sided=True minimise E_2 (truncation h**2 / 6 |f'''|): its minimiser is a cube root, not a "
         "square root.", np.sqrt(2 * eps * F / D) if two_sided else None),
        ("With two_sided=False minimise E_1 (truncation h / 2 |f''|): its minimiser is a square root, not a "
         "cube root.", None if two_sided else (3 * eps * F / D) ** (1 / 3)),
        ("The best step depends on the function: the round-off term is eps |f(x)| / h, so |f(x)| belongs in the "
         "step.", (3 * eps / D) ** (1 / 3) if two_sided else np.sqrt(2 * eps / D)),
        ("The rule of thumb eps**(1/3) ignores |f(x)| and the derivative: minimise the model with them.",
         np.cbrt(eps) + 0 * F if two_sided else np.sqrt(eps) + 0 * F),
    ]
    expected = model_minimum(f_x, f_deriv, eps, two_sided)[0]
    return diagnose(got_h, expected, [(text, v) for text, v in variants if v is not None],
                    "Write E(h), set dE/dh = 0 and solve for h (h > 0).", rtol=1e-6, atol=0)


def _best_step_case(fn, f_x, f_deriv, what, eps=None, two_sided=None):
    args = (f_x, f_deriv) + (() if eps is None else (eps,))
    kwargs = {} if two_sided is None else {"two_sided": two_sided}
    eps = np.finfo(float).eps if eps is None else eps
    two_sided = True if two_sided is None else two_sided
    try:
        out = _quiet(fn, *args, **kwargs)
    except (TypeError, ValueError) as exc:
        if not np.ndim(f_x):
            raise
        fail(what, f"{type(exc).__name__}: {exc}",
             "Work elementwise on arrays: np.where(...) instead of if, np.sqrt and np.abs instead of math.sqrt "
             "and abs on single numbers.")
    out = check_tuple(out, ("h", "error"), what)
    h_right, e_right = model_minimum(f_x, f_deriv, eps, two_sided)
    shape = np.shape(f_x)
    h = check_shape(out[0], shape, f"{what}: h")
    check_close(h, h_right, f"{what}: h", _step_hint(h, f_x, f_deriv, eps, two_sided), rtol=1e-6, atol=0)
    error = check_shape(out[1], shape, f"{what}: error")
    finite_h = np.where(np.isfinite(h_right), h_right, 1.0)
    truncation = np.where(np.isfinite(h_right), error_model(finite_h, f_x, f_deriv, eps, two_sided)
                          - eps * np.abs(f_x) / finite_h, 0.0)
    hint = diagnose(error, e_right, [
        ("The error is the whole model at the best step: the truncation term plus the round-off term.", truncation),
        ("The error is the whole model at the best step: the round-off term plus the truncation term.",
         np.where(np.isfinite(h_right), eps * np.abs(f_x) / finite_h, 0.0)),
        ("Where the truncation term vanishes the model's error falls to 0 as h grows: return error = 0 there.",
         np.where(np.isfinite(h_right), e_right, np.nan)),
    ], "Return E(h) at your best step h: the truncation term plus the round-off term.", rtol=1e-6, atol=0)
    check_close(error, e_right, f"{what}: error", hint, rtol=1e-6, atol=0)


def _differences_best_step(best_step) -> None:
    _best_step_case(best_step, 2.0, 5.0, "best_step(2.0, 5.0)  [two-sided, float64]")
    passed("best_step: the minimum of the two-sided model and its error")
    _best_step_case(best_step, float(np.sin(1.0)), float(-np.sin(1.0)),
                    "best_step(sin(1), -sin(1), two_sided=False)  [one-sided, f = sin at x = 1]", two_sided=False)
    passed("best_step: the minimum of the one-sided model")
    f_x, f3 = np.array([np.sin(1.0), -np.exp(0.5), 2.0]), np.array([-np.cos(1.0), -np.exp(0.5), 0.0])
    _best_step_case(best_step, f_x, f3, "best_step for [sin, -exp, a quadratic] with f''' = [-cos(1), -e**0.5, 0]")
    passed("best_step: negative values, and h = inf where the truncation term vanishes, elementwise")
    eps32 = float(np.finfo(np.float32).eps)
    _best_step_case(best_step, float(np.sin(1.0)), float(-np.cos(1.0)),
                    "best_step(sin(1), -cos(1), eps=1.19e-07)  [float32]", eps=eps32)
    passed("best_step: float32's epsilon moves the best step to about 1e-2")


def differences(two_sided_difference, one_sided_difference, best_step) -> None:
    r"""Check ``two_sided_difference(f_plus, f_minus, h)``, ``one_sided_difference(f_plus, f_x, h)`` and
    ``best_step(f_x, f_deriv, eps, two_sided) -> (h, error)``, the last against a minimisation of the error
    model by bisection."""
    # f(x) = x**2 at x = 3 with h = 0.5: f(3.5) = 12.25, f(2.5) = 6.25, f(3) = 9.
    what = "two_sided_difference(12.25, 6.25, 0.5)  [f = x**2 at x = 3]"
    got = _quiet(two_sided_difference, 12.25, 6.25, 0.5)
    hint = diagnose(got, 6.0, [
        ("The two points x - h and x + h are 2h apart: divide by 2 * h, not by h.", 12.0),
        ("The order matters: f_plus - f_minus, not f_minus - f_plus.", -6.0),
        ("Operator precedence: `/ 2 * h` multiplies by h. Write `/ (2 * h)`.", 1.5),
    ], "(f(x + h) - f(x - h)) / (2 h) = (12.25 - 6.25) / 1 = 6, which is exactly f'(3) for f = x**2.",
        atol=1e-12)
    check_close(as_number(got, what, hint), 6.0, what, hint)
    passed("two_sided_difference: (f(x+h) - f(x-h)) / 2h on a worked example")

    what = "one_sided_difference(12.25, 9.0, 0.5)  [f = x**2 at x = 3]"
    got = _quiet(one_sided_difference, 12.25, 9.0, 0.5)
    hint = diagnose(got, 6.5, [
        ("The points x and x + h are h apart: divide by h, not by 2 h.", 3.25),
        ("The order matters: f_plus - f_x, not f_x - f_plus.", -6.5),
    ], "(f(x + h) - f(x)) / h = (12.25 - 9) / 0.5 = 6.5: f'(3) = 6 plus the truncation error h f''/2 = 0.5.",
        atol=1e-12)
    check_close(as_number(got, what, hint), 6.5, what, hint)
    passed("one_sided_difference: (f(x+h) - f(x)) / h on a worked example")

    hs = np.array([1e-1, 1e-3, 1e-5])
    x = 0.7
    f_plus, f_minus, f_x = np.sin(x + hs), np.sin(x - hs), np.full(3, np.sin(x))
    what = "two_sided_difference for f = sin at x = 0.7, h = [1e-1, 1e-3, 1e-5]"
    got = _quiet(two_sided_difference, f_plus.copy(), f_minus.copy(), hs.copy())
    check_close(got, (f_plus - f_minus) / (2 * hs), what,
                "Work elementwise with the arrays you are given; h may be an array of steps.", rtol=1e-9)
    what = "one_sided_difference for f = sin at x = 0.7, h = [1e-1, 1e-3, 1e-5]"
    got = _quiet(one_sided_difference, f_plus.copy(), f_x.copy(), hs.copy())
    check_close(got, (f_plus - f_x) / hs, what,
                "Work elementwise with the arrays you are given; h may be an array of steps.", rtol=1e-9)
    passed("both work elementwise on arrays of values and steps")
    _differences_best_step(best_step)
    finish()


# --------------------------------------------------------------------------- exercise 2

def relative_error(fn) -> None:
    r"""Check ``relative_error(a, b, tiny=1e-12)``."""
    a, b = np.array([1.0, 2.0, -4.0]), np.array([1.1, 2.0, -4.0])
    what = "relative_error([1, 2, -4], [1.1, 2, -4])"
    got = _quiet(fn, a.copy(), b.copy())
    expected = 0.1 / 2.1        # worst entry: |1 - 1.1| / (1 + 1.1); the others are 0
    hint = "Per entry |a - b| / max(|a| + |b|, tiny), then the maximum: 0.1 / 2.1 = 0.0476 here."
    if got is not None and np.ndim(got) == 1 and np.size(got) == 3:
        hint = "Return one number, the worst entry: take the max of the per-entry errors."
    elif _close(got, expected / 3):
        hint = "You averaged the per-entry errors. The worst entry counts: use the max, not the mean."
    elif _close(got, 0.1):
        hint = "That is the absolute error |a - b|: divide each entry by |a| + |b|."
    elif _close(got, 0.1 / 1.1) or _close(got, 0.1 / 1.0):
        hint = "Divide by |a| + |b| (both entries), not by |a| or |b| alone."
    elif _close(got, 0.1 / 7.1):
        hint = "Work entry by entry: max_i |a_i - b_i| / (|a_i| + |b_i|), not max |a - b| / max (|a| + |b|)."
    number = as_number(got, what, hint)
    check_close(number, expected, what, hint)
    passed("worst per-entry relative error on a worked example: 0.1 / 2.1")

    rng = np.random.default_rng(0)
    a = rng.normal(size=(3, 4))
    b = a * (1 + 1e-3 * rng.normal(size=(3, 4)))
    what = "relative_error for two random (3, 4) arrays"
    got = as_number(_quiet(fn, a.copy(), b.copy()), what, "Return a single float.")
    check_close(got, _library.rel_error(a, b), what, "Per entry |a - b| / max(|a| + |b|, tiny), then the max.")
    check_close(as_number(_quiet(fn, 1e6 * a, 1e6 * b), what + " times 1e6"), _library.rel_error(a, b),
                what + " times 1e6", "A relative error does not change when both arrays are scaled.")
    passed("2-D arrays; the same value when both arrays are scaled by 1e6")

    what = "relative_error([0, 0, 1], [0, 0, 1])"
    got = _quiet(fn, np.array([0.0, 0.0, 1.0]), np.array([0.0, 0.0, 1.0]))
    hint = "Two zero entries give 0 / 0 = nan. Floor the denominator: np.maximum(|a| + |b|, tiny)."
    got = as_number(got, what, hint)
    if not np.isfinite(got):
        fail(what, f"expected 0.0, got {got}.", hint)
    check_close(got, 0.0, what, hint)
    passed("entries that are zero in both arrays count as equal (no nan)")

    what = "relative_error(3.0, 3.0000003)"
    check_close(as_number(_quiet(fn, 3.0, 3.0000003), what, "Plain floats must work too: np.asarray helps."),
                3e-7 / 6.0000003, what)
    what = "relative_error([1e-3], [-1e-3], tiny=1.0)"
    check_close(as_number(_quiet(fn, np.array([1e-3]), np.array([-1e-3]), tiny=1.0), what), 2e-3, what,
                "Use the tiny you are given: here |a| + |b| = 2e-3 is below tiny = 1, so divide by 1.", rtol=1e-2)
    passed("plain floats, and the tiny argument is used")
    finish()


# --------------------------------------------------------------------------- numerical_gradient

def numerical_gradient(fn) -> None:
    r"""Check ``numerical_gradient(f, x, h=1e-5)``."""
    x = np.array([[0.5, -1.0, 2.0], [1.5, 0.2, -0.7]])
    x0 = x.copy()
    calls = []

    def cube_sum(v):
        calls.append(1)
        return float(np.sum(v ** 3))

    what = "numerical_gradient(lambda v: np.sum(v ** 3), x) for x of shape (2, 3)"
    got = _quiet(fn, cube_sum, x)
    exact = 3 * x0 ** 2
    arr = check_shape(got, x.shape, what, "Return an array of x's shape: one partial derivative per entry.")
    hint = "For each index: (f(x + h e_i) - f(x - h e_i)) / (2 h), with x[idx] put back afterwards."
    if np.allclose(arr, exact + 3 * x0 * 1e-5, rtol=1e-7, atol=1e-9):
        hint = "That is the one-sided difference (error ~ h). Use f(x + h e_i) and f(x - h e_i), divided by 2h."
    elif np.allclose(arr, 2 * exact, rtol=1e-4):
        hint = "Twice too large: x + h and x - h are 2h apart, divide by 2 * h."
    if not np.allclose(x, x0, rtol=0, atol=1e-12):
        fail(what, f"x was changed by the call:\n  before {x0.ravel()}\n  after  {x.ravel()}",
             "Put every entry back after nudging it: x[idx] = old.")
    check_close(arr, exact, what, hint, rtol=1e-7)
    passed("gradient of sum(x**3) is 3 x**2 (two-sided accuracy), shape (2, 3)")
    passed("x is unchanged after the call")
    if len(calls) != 2 * x.size:
        fail(what, f"f was called {len(calls)} times, expected {2 * x.size} (two per entry).",
             "Evaluate f(x + h e_i) and f(x - h e_i) once each for every entry.")
    passed(f"f is evaluated twice per entry ({2 * x.size} calls)")

    y = np.array([0.3, -0.8, 1.1])
    y0 = y.copy()
    what = "numerical_gradient(lambda _: np.sum(np.sin(y) * [1, 2, 3]), y): f reads y, not its argument"
    got = _quiet(fn, lambda _: float(np.sum(np.sin(y) * np.array([1.0, 2.0, 3.0]))), y)
    check_close(got, np.cos(y0) * np.array([1.0, 2.0, 3.0]), what,
                "Nudge x itself, in place (x[idx] = old + h), so that a function that reads the "
                "array through a closure, like a layer's weights, sees the change. Do not nudge a copy.",
                rtol=1e-7)
    passed("nudges x in place, so f may read it through a closure")

    what = "numerical_gradient(lambda v: np.sum(v ** 3), x, h=0.1)"
    got = _quiet(fn, lambda v: float(np.sum(v ** 3)), x0.copy(), 0.1)
    # ((x + h)**3 - (x - h)**3) / 2h = 3 x**2 + h**2, exactly.
    check_close(got, 3 * x0 ** 2 + 0.01, what,
                "Use the step h you are given (here 0.1, so the result is 3 x**2 + h**2 = 3 x**2 + 0.01).",
                rtol=1e-9)
    passed("uses the step h it is given")
    finish()


# --------------------------------------------------------------------------- exercise 3

def _tanh_example(rng, n=4, d_in=3, d_out=2):
    W, b = rng.normal(size=(d_in, d_out)), rng.normal(size=d_out)
    x, G = rng.normal(size=(n, d_in)), rng.normal(size=(n, d_out))
    return W, b, x, G


def _tanh_loss_grads(W, b, x, G, h):
    """Numerical gradients of sum(tanh(x @ W + b) * G) with the library's numerical_gradient."""
    W, b = W.copy(), b.copy()
    num_dW = _library.numerical_gradient(lambda V: np.sum(np.tanh(x @ V + b) * G), W, h)
    num_db = _library.numerical_gradient(lambda c: np.sum(np.tanh(x @ W + c) * G), b, h)
    return num_dW, num_db


def _two_errors(out, what):
    if not isinstance(out, dict) or set(out) != {"dW", "db"}:
        got = sorted(out) if isinstance(out, dict) else type(out).__name__
        fail(what, f'expected a dict with the keys "dW" and "db", got {got}.',
             'End with `return {"dW": relative_error(dW, num_dW), "db": relative_error(db, num_db)}`.')
    return (as_number(out["dW"], what + ': ["dW"]', "Each value is one number from relative_error."),
            as_number(out["db"], what + ': ["db"]', "Each value is one number from relative_error."))


def tanh_layer_gradcheck(fn) -> None:
    r"""Check ``tanh_layer_gradcheck(W, b, x, G, dW, db, h=1e-5)``."""
    W, b, x, G = _tanh_example(np.random.default_rng(0))
    Y = np.tanh(x @ W + b)
    Z_bar = G * (1 - Y * Y)
    dW, db = x.T @ Z_bar, Z_bar.sum(axis=0)
    args = [a.copy() for a in (W, b, x, G, dW, db)]
    what = "tanh_layer_gradcheck with the correct dW, db (N=4, D_in=3, D_out=2)"
    err_W, err_b = _two_errors(_quiet(fn, *args), what)
    passed('returns a dict {"dW": number, "db": number}')
    if not (np.array_equal(args[0], W) and np.array_equal(args[1], b)):
        fail(what, "W or b was changed by the call.",
             "numerical_gradient must put every entry back after nudging it.")
    for key, err in (("dW", err_W), ("db", err_b)):
        if not np.isfinite(err) or err > 1e-7:
            fail(what, f'["{key}"] is {err:.3g}; a correct gradient gives about 1e-9 or less.',
                 "Compute the numerical gradient of L = sum(tanh(x @ W + b) * G) with respect to W "
                 "(then b) with your two-sided numerical_gradient, then compare with relative_error.")
    passed(f"the correct gradients pass: dW {err_W:.1e}, db {err_b:.1e}")

    num_dW, num_db = _tanh_loss_grads(W, b, x, G, 1e-5)
    dW_wrong = dW.copy()
    dW_wrong[1, 0] *= 1.5
    what = "tanh_layer_gradcheck with dW[1, 0] 50% too large"
    err_W, err_b = _two_errors(_quiet(fn, W.copy(), b.copy(), x.copy(), G.copy(), dW_wrong, db.copy()), what)
    check_close(err_W, _library.rel_error(dW_wrong, num_dW), what + ': ["dW"]',
                "relative_error(dW, numerical dW): the worst entry is [1, 0], 0.5 / 2.5 = 0.2.", rtol=1e-4)
    if err_b > 1e-7:
        fail(what, f'["db"] is {err_b:.3g}, expected below 1e-7: db is correct.',
             'Put the error of dW under "dW" and the error of db under "db".')
    passed("a wrong entry of dW is found, db still passes")

    what = "tanh_layer_gradcheck(..., h=1e-2) with the correct gradients"
    err_W, err_b = _two_errors(_quiet(fn, W.copy(), b.copy(), x.copy(), G.copy(), dW.copy(), db.copy(), h=1e-2),
                               what)
    num_dW, num_db = _tanh_loss_grads(W, b, x, G, 1e-2)
    hint = ("With h = 1e-2 the two-sided truncation error gives relative errors around 1e-5: pass the h "
            "you are given on to numerical_gradient.")
    check_close(err_W, _library.rel_error(dW, num_dW), what + ': ["dW"]', hint, rtol=1e-3)
    check_close(err_b, _library.rel_error(db, num_db), what + ': ["db"]', hint, rtol=1e-3)
    passed("uses the step h it is given")

    what = "tanh_layer_gradcheck with G = 0 (every gradient is exactly 0)"
    zeros = np.zeros_like(G)
    err_W, err_b = _two_errors(_quiet(fn, W.copy(), b.copy(), x.copy(), zeros, np.zeros_like(W),
                                      np.zeros_like(b)), what)
    if not (np.isfinite(err_W) and np.isfinite(err_b)) or max(err_W, err_b) > 1e-12:
        fail(what, f'expected 0 for both, got dW {err_W}, db {err_b}.',
             "0 / 0 is nan: your relative_error needs the tiny floor in its denominator.")
    passed("all-zero gradients give relative errors of 0")
    finish()


# --------------------------------------------------------------------------- exercise 4

def _unpack_report(out, what):
    if not isinstance(out, dict):
        fail(what, f"expected a dict, got {type(out).__name__}.",
             'Return a dict like {"cai": {"param": "W1", "index": (3, 0), "error": 1.0}}.')
    for name, entry in out.items():
        if not isinstance(entry, dict) or not {"param", "index", "error"} <= set(entry):
            fail(what, f"the entry for {name!r} is {entry!r}.",
                 'Each failing candidate maps to a dict with the keys "param", "index" and "error".')
    return out


def _index(entry):
    try:
        return tuple(int(i) for i in np.atleast_1d(np.asarray(entry["index"])))
    except (TypeError, ValueError):
        return None


def find_bugs(fn) -> None:
    r"""Check ``find_bugs(candidates, numeric, tol=1e-6)``."""
    rng = np.random.default_rng(0)
    numeric = {"W": rng.normal(size=(3, 4)), "b": rng.normal(size=4)}

    def near(g):
        return {k: v * (1 + 1e-10 * rng.normal(size=v.shape)) for k, v in g.items()}

    careful, sloppy, other = near(numeric), near(numeric), near(numeric)
    sloppy["W"][1, 2] *= -1.0
    candidates = {"careful": careful, "sloppy": sloppy, "other": other}
    what = "find_bugs with three candidates, 'sloppy' has W[1, 2] of the wrong sign"
    report = _unpack_report(_quiet(fn, candidates, numeric), what)
    if "sloppy" not in report:
        fail(what, f"'sloppy' is not in your report {sorted(report)}.",
             "A candidate fails when the relative error of one of its parameters is above tol.")
    if set(report) != {"sloppy"}:
        fail(what, f"your report names {sorted(report)}, expected only ['sloppy'].",
             "The correct candidates differ from the numerical gradient by about 1e-10: "
             "compare the relative error with tol, not with 0, and leave out candidates that pass.")
    entry = report["sloppy"]
    if entry["param"] != "W":
        fail(what, f'"param" is {entry["param"]!r}, expected "W".', "Report the parameter of the worst entry.")
    if _index(entry) != (1, 2):
        got = entry["index"]
        hint = "The index of the worst entry, as a tuple (row, column)."
        if _index(entry) == (6,):
            hint = "That is the flat position: np.unravel_index(flat, shape) turns it into (row, column)."
        fail(what, f'"index" is {got!r}, expected (1, 2).', hint)
    check_close(as_number(entry["error"], what + ': "error"'), 1.0, what + ': "error"',
                "The per-entry relative error of the worst entry: opposite signs give 1.", rtol=1e-6)
    passed("names the one wrong candidate, its parameter and the index (1, 2)")

    what = "find_bugs when every candidate is correct"
    report = _unpack_report(_quiet(fn, {"a": near(numeric), "b": near(numeric)}, numeric), what)
    if report:
        fail(what, f"expected an empty dict, got the names {sorted(report)}.",
             "Leave out every candidate whose relative errors are all at most tol.")
    passed("an empty report when every candidate passes")

    numeric = {"W": np.array([[0.0, 2.0], [0.5, -1.0]]), "b": np.array([0.0, 0.05])}
    bug = {"W": np.array([[0.0, 2.2], [0.5, -1.0]]), "b": np.array([0.0, -0.05])}
    what = "find_bugs when W[0, 1] is off by 0.2 (relative 0.048) and b[1] has the wrong sign (relative 1)"
    report = _unpack_report(_quiet(fn, {"ok": {k: v.copy() for k, v in numeric.items()}, "bug": bug},
                                   numeric), what)
    if set(report) != {"bug"}:
        hint = "Entries that are 0 in both gradients count as equal: floor the denominator with tiny."
        fail(what, f"your report names {sorted(report)}, expected only ['bug'].", hint)
    if report["bug"]["param"] != "b" or _index(report["bug"]) != (1,):
        fail(what, f'the worst entry is {report["bug"]["param"]!r} at {report["bug"]["index"]!r}, '
             "expected 'b' at (1,).",
             "The worst entry over ALL parameters is the one with the largest *relative* error, "
             "not the largest |a - b|, and not the first parameter that fails.")
    passed("zero entries are handled, and 'worst' means the largest relative error")
    finish()
