"""Hidden tests for Exercise 3, ``linear_decay(step, lr0, lr_min, n_steps) -> float``.

alpha_k = (1 - k/tau) lr0 + (k/tau) lr_min for 0 <= k <= tau, and lr_min after.
"""

import numpy as np

from nncourse.checks.sgd import decayed_rate as ref
from nncourse.grading.testing import diagnose, expect, expect_close, expect_dtype, weight

NAME = "linear_decay"


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
    """A hint naming the mistake whose rate equals ``got`` at step k, else the formula."""
    return diagnose(got, ref(k, lr0, lr_min, n), [
        ("You decay towards 0: the line goes from lr0 to lr_min, (1 - k/tau) lr0 + (k/tau) lr_min.",
         ref(k, lr0, 0.0, n)),
        ("You decay towards 0 and clip at lr_min: the line goes from lr0 to lr_min, (1 - k/tau) lr0 + (k/tau) lr_min.",
         max(ref(k, lr0, 0.0, n), lr_min)),
        ("Off by one: divide by n_steps, not n_steps - 1, so the floor is reached exactly at step n_steps.",
         lambda: ref(k, lr0, lr_min, n - 1)),
        ("Off by one: divide by n_steps, not n_steps + 1, so the floor is reached exactly at step n_steps.",
         ref(k, lr0, lr_min, n + 1)),
        ("Integer division (k // n_steps) is 0 until the end: use true division k / n_steps.", lr0),
    ], "alpha_k = (1 - k/tau) lr0 + (k/tau) lr_min with tau = n_steps.")


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


def floor_hint(got, k, lr0, lr_min, n):
    """A hint naming the mistake whose rate equals ``got`` at a step k >= n_steps, else the clipping rule."""
    return diagnose(got, lr_min, [
        ("The decay never reaches the floor at step n_steps: divide by n_steps (not n_steps + 1).",
         ref(k, lr0, lr_min, n + 1)),
        ("The rate went below the floor lr_min (the line continues past step n_steps, and even becomes negative "
         "later): clip the fraction with min(k / n_steps, 1).", (1 - k / n) * lr0 + k / n * lr_min),
        ("The rate decays towards 0 (lr0 * (1 - k/tau)), so it passes below the floor: the line goes from lr0 to "
         "lr_min, (1 - k/tau) lr0 + (k/tau) lr_min.", max((1 - k / n) * lr0, 0.0)),
    ], "From step n_steps on the rate is lr_min: clip the fraction, min(k / n_steps, 1).")


@weight(1)
def test_reaches_floor(student, rng):
    """at step n_steps the rate is exactly lr_min"""
    lr0, lr_min, n = draw(rng)
    got, what = value(student, n, lr0, lr_min, n)
    expect_close(got, lr_min, what, floor_hint(got, n, lr0, lr_min, n))


@weight(2)
def test_stays_at_floor(student, rng):
    """after n_steps the rate stays at lr_min, never below"""
    lr0, lr_min, n = draw(rng)
    for k in (n + 1, n + int(rng.integers(2, 10)), 3 * n, 100 * n):
        got, what = value(student, k, lr0, lr_min, n)
        expect_close(got, lr_min, what, floor_hint(got, k, lr0, lr_min, n))


@weight(1)
def test_edge_cases(student, rng):
    """n_steps = 1 and lr_min = 0"""
    lr0 = float(rng.uniform(0.5, 2.0))
    for k, lr_min, n, exp in ((0, 0.1, 1, lr0), (1, 0.1, 1, 0.1), (5, 0.1, 1, 0.1), (3, 0.0, 6, lr0 / 2),
                              (9, 0.0, 6, 0.0)):
        got, what = value(student, k, lr0, lr_min, n)
        expect_close(got, exp, what)


@weight(1)
def test_integer_arguments(student, rng):
    """whole-number rates and steps (integers), before and after n_steps, give floats"""
    n = int(rng.integers(3, 12))
    lr0 = int(rng.integers(3, 9))
    for k in (int(rng.integers(1, n)), n + int(rng.integers(1, 4))):
        got = student.function(NAME)(k, lr0, 1, n)
        what = f"linear_decay({k}, {lr0}, 1, {n}) with integer arguments"
        expect_dtype(got, "float", what, "The statement asks for a float: clip with min(k / n_steps, 1.0) (a float "
                     "1.0), or return float(...).")
        got, _ = value(student, k, lr0, 1, n)
        expect_close(got, ref(k, lr0, 1, n), what, middle_hint(got, k, float(lr0), 1.0, n))
