"""Hidden tests for Exercise 4, ``log_softmax(z)`` over the last axis.

z (..., K) -> z - LSE(z), LSE(z) = m + log(sum(exp(z - m))), m the maximum along the last axis; finite for
any finite logits.
"""

import numpy as np

from nncourse.grading.testing import (
    call_over_last_axis,
    diagnose,
    draw_logits,
    expect,
    expect_close,
    expect_shape,
    weight,
)

STABLE = ("Compute z - m - log(sum(exp(z - m))) with m each row's maximum. np.log(softmax(z)) is log(0) = -inf "
          "once a probability underflows to 0, and exp(z) without the shift overflows for z near 1000.")
KEEPDIMS = ("Reduce over the last axis with keepdims=True (z.max(axis=-1, keepdims=True)) so that the "
            "result broadcasts against z.")


def ref(z):
    m = z.max(axis=-1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=-1, keepdims=True))


def call(student, z, what):
    return call_over_last_axis(student, "log_softmax", z, what, KEEPDIMS)


def known_mistake(arr, z):
    m = z.max(axis=-1, keepdims=True)
    expected = ref(z)
    with np.errstate(all="ignore"):
        candidates = [
            (expected + m, "You forgot to add m back: LSE(z) = m + log(sum(exp(z - m))), so the answer is "
                           "z - m - log(sum(exp(z - m)))."),
            (z - m, "You subtracted only the maximum. Subtract the whole log-sum-exp, m + log(sum(exp(z - m)))."),
            (z - m - np.exp(z - m).sum(axis=-1, keepdims=True), "A log is missing: LSE(z) = m + log(sum(exp(z - m)))."),
        ]
        if z.ndim >= 2:
            m0 = z.max(axis=0, keepdims=True)
            candidates.append((z - m0 - np.log(np.exp(z - m0).sum(axis=0, keepdims=True)),
                               "You reduced over axis 0, the batch axis. log_softmax works on each row: axis=-1."))
        mm = z.max()
        candidates.append((z - mm - np.log(np.exp(z - mm).sum()),
                           "You summed over the whole array. Sum over the last axis only, with keepdims=True."))
    return diagnose(arr, expected, [(text, candidate) for candidate, text in candidates], None,
                    rtol=1e-5, atol=1e-8)


def check(got, z, what, default):
    arr = expect_shape(got, z.shape, what, KEEPDIMS)
    expect_close(arr, ref(z), what, known_mistake(arr, z) or default)


@weight(2)
def test_values(student, rng):
    """log_softmax of a random batch of logits (N, K)"""
    z = draw_logits(rng)
    what = f"log_softmax(z) for logits of shape {z.shape}"
    check(call(student, z, what), z, what,
          "log softmax(z)_k = z_k - LSE(z) with LSE(z) = m + log(sum_j exp(z_j - m)), over each row.")


@weight(2)
def test_tiny_probabilities(student, rng):
    """finite where a probability underflows: log_softmax([0, -1000]) = [0, -1000]"""
    z = draw_logits(rng)
    z[:, -1] = z[:, :-1].max(axis=1) - rng.uniform(800.0, 1000.0, size=z.shape[0])
    what = f"log_softmax(z) for logits of shape {z.shape} whose last column is about 1000 below the rest"
    arr = expect_shape(call(student, z, what), z.shape, what, KEEPDIMS)
    expect(np.all(np.isfinite(arr)), f"{what}: {int((~np.isfinite(arr)).sum())} entries are -inf, inf or nan; "
           f"expected finite values such as {ref(z)[0, -1]:.6g}.", STABLE)
    expect_close(arr, ref(z), what, known_mistake(arr, z) or STABLE)


@weight(1)
def test_large_logits(student, rng):
    """no overflow for logits near 1000"""
    z = draw_logits(rng) + 1000.0
    what = f"log_softmax(z) for logits of shape {z.shape} near 1000"
    arr = expect_shape(call(student, z, what), z.shape, what, KEEPDIMS)
    expect_close(arr, ref(z), what, known_mistake(arr, z) or STABLE)


@weight(1)
def test_vector_and_batch_of_one(student, rng):
    """a single vector (K,) and a batch of one (1, K)"""
    z = rng.normal(0.0, 2.0, size=int(rng.integers(3, 8)))
    what = f"log_softmax(z) for a single vector of shape {z.shape}"
    check(call(student, z, what), z, what, "Work over the last axis, axis=-1, so that a vector (K,) works too.")
    z = draw_logits(rng, n=1)
    what = f"log_softmax(z) for a batch of one, shape {z.shape}"
    check(call(student, z, what), z, what, "Reduce with keepdims=True and keep the shape (1, K).")
