"""Hidden tests for Exercise 4, ``log_softmax(z)`` over the last axis.

z (..., K) -> z - LSE(z), LSE(z) = m + log(sum(exp(z - m))), m the maximum along the last axis; finite for
any finite logits.
"""

import numpy as np

from nncourse.grading.testing import LastAxisFunction, diagnose, draw_logits, expect, expect_close, expect_shape, weight

STABLE = ("Compute z - m - log(sum(exp(z - m))) with m each row's maximum. np.log(softmax(z)) is log(0) = -inf "
          "once a probability underflows to 0, and exp(z) without the shift overflows for z near 1000.")
KEEPDIMS = ("Reduce over the last axis with keepdims=True (z.max(axis=-1, keepdims=True)) so that the "
            "result broadcasts against z.")


def ref(z):
    m = z.max(axis=-1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=-1, keepdims=True))


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


LOG_SOFTMAX = LastAxisFunction("log_softmax", ref, known_mistake, KEEPDIMS)

test_values = LOG_SOFTMAX.values_test("log softmax(z)_k = z_k - LSE(z) with LSE(z) = m + log(sum_j exp(z_j - m)), "
                                      "over each row.")


@weight(2)
def test_tiny_probabilities(student, rng):
    """finite where a probability underflows: log_softmax([0, -1000]) = [0, -1000]"""
    z = draw_logits(rng)
    z[:, -1] = z[:, :-1].max(axis=1) - rng.uniform(800.0, 1000.0, size=z.shape[0])
    what = f"log_softmax(z) for logits of shape {z.shape} whose last column is about 1000 below the rest"
    arr = expect_shape(LOG_SOFTMAX.call(student, z, what), z.shape, what, KEEPDIMS)
    expect(np.all(np.isfinite(arr)), f"{what}: {int((~np.isfinite(arr)).sum())} entries are -inf, inf or nan; "
           f"expected finite values such as {ref(z)[0, -1]:.6g}.", STABLE)
    expect_close(arr, ref(z), what, known_mistake(arr, z) or STABLE)


@weight(1)
def test_large_logits(student, rng):
    """no overflow for logits near 1000"""
    z = draw_logits(rng) + 1000.0
    LOG_SOFTMAX.check(student, z, f"logits of shape {z.shape} near 1000", STABLE)


test_vector = LOG_SOFTMAX.vector_test()
test_batch_of_one = LOG_SOFTMAX.batch_of_one_test()
