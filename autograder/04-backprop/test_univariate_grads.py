"""Hidden tests for Exercise 1, ``univariate_grads(w, b, x, t, lam) -> (dw, db)``.

The cost is  E(w, b) = mean_n 1/2 (sigmoid(w x_n + b) - t_n)^2 + lam/2 w^2.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect, expect_close, expect_returns, fail, sigmoid, weight, wide_range

NAME = "univariate_grads"


def reference(w, b, x, t, lam):
    """The correct gradients, and what real mistakes return on the same input (for confirmed hints)."""
    x, t = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
    z = w * x + b
    y = sigmoid(z)
    z_bar = (y - t) * y * (1.0 - y)
    dw_data, db = np.mean(z_bar * x), np.mean(z_bar)

    def with_signal(zb, reg=lam * w):
        return np.mean(zb * x) + reg, np.mean(zb)

    wrong = [
        ("the cost is a mean over the N examples: divide the summed contributions by N "
         "(np.mean rather than np.sum)", lambda: (np.sum(z_bar * x) + lam * w, np.sum(z_bar))),
        ("the error signal of y is y - t, not t - y (your gradient points uphill)", lambda: (-dw_data + lam * w, -db)),
        ("sigma'(z) = sigma(z) (1 - sigma(z)) = y (1 - y): evaluate it at the output y, not at z",
         lambda: with_signal((y - t) * z * (1 - z))),
        ("the chain rule needs sigma'(z): zbar = ybar * y * (1 - y)", lambda: with_signal(y - t)),
        ("the regulariser lam/2 w^2 adds lam * w to dw: it is missing.", lambda: with_signal(z_bar, 0.0)),
        ("the regulariser does not depend on b, so it adds nothing to db.",
         lambda: (dw_data + lam * w, db + lam * w)),
        ("the derivative of lam/2 w^2 is lam * w, not lam * w^2 or lam/2 w.",
         lambda: with_signal(z_bar, lam * w * w)),
        ("exp() overflows or the sigmoid is clipped: for large |z| use the notebook's stable `sigmoid`, "
         "whose values are exact for every z.",
         lambda: (lambda yc: (np.mean((yc - t) * yc * (1 - yc) * x) + lam * w,
                              np.mean((yc - t) * yc * (1 - yc))))(sigmoid(np.clip(z, -10, 10)))),
    ]
    return (dw_data + lam * w, db), wrong


def draw_case(rng, n, lam):
    x = rng.normal(0.0, 1.5, size=n)
    t = rng.integers(0, 2, size=n).astype(float)
    w, b = float(rng.normal(0.0, 1.5)), float(rng.normal(0.0, 1.0))
    return w, b, x, t, lam


def two_numbers(out, what):
    out = expect_returns(out, ("dw", "db"), what)
    values = []
    for name, v in zip(("dw", "db"), out):
        if isinstance(v, np.ndarray):
            fail(f"{what}: {name} is an array of shape {v.shape}; the exercise asks for a Python float.",
                 "Average the per-example contributions (np.mean gives a single number) and return "
                 f"float({name}).")
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            fail(f"{what}: {name} is a {type(v).__name__}, expected a Python float.")
        values.append(float(v))
    return values


def check_case(f, case, what):
    w, b, x, t, lam = case
    (dw, db), wrong = reference(w, b, x, t, lam)
    got_dw, got_db = two_numbers(f(w, b, x, t, lam), what)
    expect(np.isfinite(got_dw) and np.isfinite(got_db),
           f"{what}: got dw = {got_dw}, db = {got_db}; expected dw = {dw:.6g}, db = {db:.6g}.",
           "exp() of a large number overflows to inf, and inf / inf is nan: use a stable sigmoid, "
           "e.g. the notebook's `sigmoid`, and compute sigma'(z) from its output as y (1 - y).")
    hint = diagnose((got_dw, got_db), (dw, db), wrong)
    expect_close(got_dw, dw, f"{what}: dw", hint or "wbar = mean(zbar * x) + lam * w with zbar = (y - t) y (1 - y).")
    expect_close(got_db, db, f"{what}: db", hint or "bbar = mean(zbar), with no regularisation term.")


@weight(1)
def test_returns_two_numbers(student, rng):
    """univariate_grads returns a pair (dw, db) of single numbers"""
    f = student.function(NAME)
    w, b, x, t, lam = draw_case(rng, 7, 0.5)
    two_numbers(f(w, b, x, t, lam), "univariate_grads on a batch of 7 examples")


@weight(3)
def test_without_regularisation(student, rng):
    """dw and db with lam = 0 on random batches"""
    f = student.function(NAME)
    for n in (int(rng.integers(5, 40)), int(rng.integers(100, 300))):
        check_case(f, draw_case(rng, n, 0.0), f"univariate_grads with lam = 0 on a random batch of {n}")


@weight(3)
def test_with_regularisation(student, rng):
    """dw and db with lam > 0 (the lam/2 w^2 term)"""
    f = student.function(NAME)
    for n in (int(rng.integers(5, 40)), int(rng.integers(40, 80))):
        lam = float(rng.uniform(0.1, 2.0))
        check_case(f, draw_case(rng, n, lam), f"univariate_grads with lam = {lam:.3f} on a random batch of {n}")


@weight(1)
def test_single_example(student, rng):
    """a batch of one example"""
    f = student.function(NAME)
    check_case(f, draw_case(rng, 1, float(rng.uniform(0.1, 1.0))), "univariate_grads on a batch of 1")


@weight(1)
def test_large_inputs(student, rng):
    """no nan or inf when |w x + b| reaches 1e4, on both sides of exp() overflow"""
    f = student.function(NAME)
    x = wide_range(rng, int(rng.integers(26, 40)), limit=1e4)
    t = rng.integers(0, 2, size=x.size).astype(float)
    case = (1.0, 0.0, x, t, float(rng.uniform(0.1, 1.0)))
    check_case(f, case, "univariate_grads with |w x + b| from 0 to 1e4")


@weight(1)
def test_integer_inputs(student, rng):
    """integer x and t give the same floats as their float copies"""
    f = student.function(NAME)
    n = int(rng.integers(5, 15))
    x = rng.integers(-3, 4, size=n)
    t = rng.integers(0, 2, size=n)
    case = (float(rng.normal(0.0, 1.0)), float(rng.normal()), x, t, float(rng.uniform(0.1, 1.0)))
    check_case(f, case, f"univariate_grads with integer arrays x = {x.tolist()}, t = {t.tolist()}")
