"""Hidden tests for Exercise 2, ``relative_error(a, b, tiny=1e-12)``.

max_i |a_i - b_i| / max(|a_i| + |b_i|, tiny), one float.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect, expect_close, fail, weight

NAME = "relative_error"


def reference(a, b, tiny=1e-12):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), tiny)))


def one_number(got, what):
    """The student's answer as a float, or a failure that says what came back."""
    if got is None:
        fail(f"{what}: expected a number, got None. Did you forget a `return` statement?")
    if isinstance(got, (dict, str)):
        fail(f"{what}: expected a number, got a {type(got).__name__}.")
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"{what}: expected a number, got a {type(got).__name__}.")
    expect(arr.size == 1, f"{what}: expected one number, got an array of shape {arr.shape}.",
           "Return the worst entry only: the max over all per-entry relative errors, as a float.")
    return float(arr.reshape(()))


def hint_for(got, a, b, tiny=1e-12):
    """Name the known mistake that produces ``got`` on this input, if any."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    diff, den = np.abs(a - b), np.maximum(np.abs(a) + np.abs(b), tiny)
    symmetric = "the measure is symmetric, neither gradient is the truth."
    whole = ("Work entry by entry: max_i |a_i - b_i| / (|a_i| + |b_i|). A ratio of whole-array sizes "
             "(norms, or max |a - b| / max(|a| + |b|)) hides a wrong small entry next to large ones.")
    return diagnose(got, float(np.max(diff / den)), [
        ("You averaged the per-entry errors: the worst entry counts, so take the max, not the mean. "
         "One wrong entry among many is still a bug.", lambda: float(np.mean(diff / den))),
        ("That is the absolute error max |a - b|: divide each entry by |a| + |b| to make it relative.",
         lambda: float(np.max(diff))),
        ("Divide by |a| + |b|, not by |b| alone: " + symmetric,
         lambda: float(np.max(diff / np.maximum(np.abs(b), tiny)))),
        ("Divide by |a| + |b|, not by |a| alone: " + symmetric,
         lambda: float(np.max(diff / np.maximum(np.abs(a), tiny)))),
        ("Divide by |a| + |b|, not by max(|a|, |b|).",
         lambda: float(np.max(diff / np.maximum(np.maximum(np.abs(a), np.abs(b)), tiny)))),
        (whole, lambda: float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))),
        ("Work entry by entry: max_i |a_i - b_i| / (|a_i| + |b_i|), not max |a - b| / max(|a| + |b|).",
         lambda: float(np.max(diff) / np.max(np.abs(a) + np.abs(b)))),
        ("Take the absolute value of a - b: without it an entry where a < b counts as a negative error, "
         "and the max misses it.", lambda: float(np.max((a - b) / den))),
    ], "Per entry |a_i - b_i| / max(|a_i| + |b_i|, tiny), then the maximum over all entries.", rtol=1e-6, atol=0)


def draw(rng, shape, spread=1e-2):
    """A gradient and a perturbed copy with entries of very different sizes and a few bad entries."""
    a = rng.normal(size=shape) * 10.0 ** rng.uniform(-3, 2, size=shape)
    b = a * (1 + spread * rng.normal(size=shape))
    flat = b.reshape(-1)
    k = int(rng.integers(0, flat.size))
    flat[k] = -flat[k] * rng.uniform(0.2, 0.8)      # one entry with the wrong sign
    return a, flat.reshape(shape)


def check(student, a, b, what, tiny=None, rtol=1e-9):
    f = student.function(NAME)
    got = f(a, b) if tiny is None else f(a, b, tiny=tiny)
    number = one_number(got, what)
    expected = reference(a, b, 1e-12 if tiny is None else tiny)
    if not np.isfinite(number) and np.isfinite(expected):
        fail(f"{what}: expected {expected:.6g}, got {number}.\n  Hint: an entry gave 0 / 0 = nan or x / 0 = inf: "
             "floor the denominator with np.maximum(np.abs(a) + np.abs(b), tiny).")
    expect_close(number, expected, what, hint_for(number, a, b), rtol=rtol, atol=0)


@weight(3)
def test_random_arrays(student, rng):
    """1-D and 2-D arrays with entries of very different sizes"""
    for shape in ((int(rng.integers(5, 30)),), (int(rng.integers(2, 6)), int(rng.integers(2, 6)))):
        a, b = draw(rng, shape)
        check(student, a, b, f"relative_error for two random arrays of shape {shape}")


@weight(1)
def test_small_differences(student, rng):
    """arrays that agree to about 1e-9 (a correct gradient check)"""
    shape = (int(rng.integers(2, 6)), int(rng.integers(2, 6)))
    a = rng.normal(size=shape)
    b = a * (1 + 1e-9 * rng.normal(size=shape))
    check(student, a, b, f"relative_error for arrays of shape {shape} that agree to about 1e-9", rtol=1e-6)


@weight(1)
def test_scale_invariance(student, rng):
    """the same value when both arrays are multiplied by 1e6 or 1e-6"""
    n = int(rng.integers(4, 10))
    a = rng.normal(size=n)
    b = a * (1 + 0.1 * rng.normal(size=n))
    b[0] = -b[0] * 0.5
    for scale in (1e6, 1e-6):
        check(student, scale * a, scale * b, f"relative_error for two random arrays multiplied by {scale:g}",
              rtol=1e-5)


@weight(2)
def test_zero_entries(student, rng):
    """entries that are 0 in both arrays count as equal: no nan"""
    n = int(rng.integers(5, 15))
    a = rng.normal(size=n)
    dead = rng.random(n) < 0.4
    dead[0] = True
    a[dead] = 0.0
    b = a * (1 + 1e-3 * rng.normal(size=n))
    what = f"relative_error with {int(dead.sum())} entries that are 0 in both arrays (dead ReLU units)"
    f = student.function(NAME)
    number = one_number(f(a, b), what)
    hint = ("Two zero entries give 0 / 0 = nan, and the max of anything with a nan is nan. Floor the "
            "denominator: np.maximum(np.abs(a) + np.abs(b), tiny).")
    expect(np.isfinite(number), f"{what}: expected {reference(a, b):.6g}, got {number}.", hint)
    expect_close(number, reference(a, b), what, hint_for(number, a, b), rtol=1e-9, atol=0)
    z = np.zeros((int(rng.integers(2, 5)), 3))
    number = one_number(f(z, z.copy()), f"relative_error of two all-zero arrays of shape {z.shape}")
    expect(np.isfinite(number) and number == 0.0,
           f"relative_error of two all-zero arrays of shape {z.shape}: expected 0.0, got {number}.", hint)


@weight(1)
def test_plain_floats(student, rng):
    """two plain floats"""
    a = float(rng.normal())
    b = a * (1 + float(rng.uniform(1e-4, 1e-2)))
    check(student, a, b, f"relative_error({a:.6g}, {b:.6g})")
    check(student, 0.0, 0.0, "relative_error(0.0, 0.0)")


@weight(1)
def test_uses_tiny(student, rng):
    """the tiny argument is the floor of the denominator"""
    a = rng.normal(size=4) * 1e-3
    b = -a
    tiny = 1.0
    # Every |a| + |b| is below tiny, so the denominator is tiny itself: max |a - b| / 1.
    # (A denominator |a| + |b| + tiny is accepted too: it differs by less than 1 %.)
    check(student, a, b, "relative_error(a, -a, tiny=1.0) with entries of size 1e-3", tiny=tiny, rtol=1e-2)


@weight(1)
def test_default_tiny_on_tiny_entries(student, rng):
    """entries of size 1e-10 are compared with the default tiny = 1e-12, not floored away"""
    n = int(rng.integers(4, 10))
    a = rng.choice([-1.0, 1.0], size=n) * rng.uniform(1e-10, 5e-10, size=n)
    b = a * (1 + 0.1 * rng.normal(size=n))
    f = student.function(NAME)
    what = f"relative_error(a, b) without tiny, for {n} entries of size about 1e-10"
    number = one_number(f(a, b), what)
    expected = reference(a, b)
    expect_close(number, expected, what, diagnose(number, expected, [
        ("Keep the default of the signature, tiny=1e-12: a larger floor turns tiny gradients into "
         "tiny relative errors.", lambda: reference(a, b, 1e-8)),
        ("Keep the default of the signature, tiny=1e-12: a larger floor turns tiny gradients into "
         "tiny relative errors.", lambda: reference(a, b, 1e-6)),
    ], hint_for(number, a, b)), rtol=2e-2, atol=0)     # |a| + |b| + tiny is accepted: within 1 % here
