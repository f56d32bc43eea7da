"""Hidden tests for Exercise 3, ``linear_decay(step, lr0, lr_min, n_steps) -> float``.

alpha_k = (1 - k/tau) lr0 + (k/tau) lr_min for 0 <= k <= tau, and lr_min after.
"""

import numpy as np

from nncourse.grading.testing import expect, expect_close, weight

NAME = "linear_decay"


def ref(k, lr0, lr_min, n):
    f = min(k / n, 1.0)
    return (1.0 - f) * lr0 + f * lr_min


def draw(rng):
    lr0 = float(rng.uniform(0.5, 2.0))
    lr_min = float(rng.uniform(0.01, 0.3)) * lr0
    n = int(rng.integers(5, 40))
    return lr0, lr_min, n


def value(student, k, lr0, lr_min, n):
    got = student.function(NAME)(k, lr0, lr_min, n)
    what = f"linear_decay({k}, {lr0:.4g}, {lr_min:.4g}, {n})"
    ok = isinstance(got, (int, float)) or (isinstance(got, np.ndarray) and got.size == 1)
    expect(ok, f"{what}: expected a single number, got {type(got).__name__}.", "Return a float.")
    return float(np.asarray(got).reshape(())), what


def middle_hint(got, k, lr0, lr_min, n):
    if np.isclose(got, ref(k, lr0, 0.0, n)) or np.isclose(got, max(ref(k, lr0, 0.0, n), lr_min)):
        return "You decay towards 0: the line goes from lr0 to lr_min, (1 - k/tau) lr0 + (k/tau) lr_min."
    if n > 1 and np.isclose(got, ref(k, lr0, lr_min, n - 1)):
        return "Off by one: divide by n_steps, not n_steps - 1, so the floor is reached exactly at step n_steps."
    if np.isclose(got, ref(k, lr0, lr_min, n + 1)):
        return "Off by one: divide by n_steps, not n_steps + 1, so the floor is reached exactly at step n_steps."
    if np.isclose(got, lr0):
        return "Integer division (k // n_steps) is 0 until the end: use true division k / n_steps."
    return "alpha_k = (1 - k/tau) lr0 + (k/tau) lr_min with tau = n_steps."


@weight(1)
def test_start(student, rng):
    """step 0 gives lr0"""
    lr0, lr_min, n = draw(rng)
    got, what = value(student, 0, lr0, lr_min, n)
    expect_close(got, lr0, what, "At step 0 the rate is lr0.")


@weight(2)
def test_in_between(student, rng):
    """steps between 0 and n_steps lie on the straight line"""
    lr0, lr_min, n = draw(rng)
    for k in sorted(set(int(v) for v in rng.integers(1, n, size=3)) | {n // 2}):
        got, what = value(student, k, lr0, lr_min, n)
        expect_close(got, ref(k, lr0, lr_min, n), what, middle_hint(got, k, lr0, lr_min, n))


@weight(1)
def test_reaches_floor(student, rng):
    """at step n_steps the rate is exactly lr_min"""
    lr0, lr_min, n = draw(rng)
    got, what = value(student, n, lr0, lr_min, n)
    hint = "At step n_steps the fraction k/tau is 1, so the rate is lr_min."
    if got > lr_min * (1 + 1e-9):
        hint = "The decay never reaches the floor at step n_steps: divide by n_steps (not n_steps + 1)."
    expect_close(got, lr_min, what, hint)


@weight(2)
def test_stays_at_floor(student, rng):
    """after n_steps the rate stays at lr_min, never below"""
    lr0, lr_min, n = draw(rng)
    for k in (n + 1, n + int(rng.integers(2, 10)), 3 * n, 100 * n):
        got, what = value(student, k, lr0, lr_min, n)
        hint = "After n_steps the rate stays at lr_min: clip the fraction, min(k / n_steps, 1)."
        if got < lr_min - 1e-12:
            hint = ("The rate went below the floor lr_min (the line continues past step n_steps, and even becomes "
                    "negative later): clip the fraction with min(k / n_steps, 1).")
        expect_close(got, lr_min, what, hint)


@weight(1)
def test_edge_cases(student, rng):
    """n_steps = 1 and lr_min = 0"""
    lr0 = float(rng.uniform(0.5, 2.0))
    for k, lr_min, n, exp in ((0, 0.1, 1, lr0), (1, 0.1, 1, 0.1), (5, 0.1, 1, 0.1), (3, 0.0, 6, lr0 / 2),
                              (9, 0.0, 6, 0.0)):
        got, what = value(student, k, lr0, lr_min, n)
        expect_close(got, exp, what)
