"""Hidden tests for Exercise 3, ``softmax(z)`` over the last axis.

z (..., K) -> same shape, exp(z - max) / sum(exp(z - max)) along the last axis; no nan for logits of size 1000.
"""

import numpy as np

from nncourse.grading.testing import LastAxisFunction, diagnose, draw_logits, expect, expect_close, expect_shape, weight

STABLE = ("Subtract each row's own maximum before exponentiating: z - z.max(axis=-1, keepdims=True). Without "
          "it exp(1000) overflows to inf and inf / inf is nan; with one maximum for the whole batch (z.max() "
          "without an axis) a row far below it becomes exp(-2000) = 0 everywhere, and 0 / 0 is nan.")
KEEPDIMS = ("Reduce over the last axis with keepdims=True (z.max(axis=-1, keepdims=True)) so that the "
            "row maxima and sums broadcast against z.")


def ref(z):
    m = z.max(axis=-1, keepdims=True)
    e = np.exp(z - m)
    return e / e.sum(axis=-1, keepdims=True)


def wrong_axis_hint(arr, z):
    """The hint of the reduction mistake that ``arr`` confirms on this ``z``, else None."""
    def over(axis):
        e = np.exp(z - z.max())
        return e / (e.sum() if axis is None else e.sum(axis=axis, keepdims=True))

    variants = []
    if z.ndim >= 2:
        variants.append(("You normalised over axis 0, the batch axis, so each column sums to 1. Softmax works on "
                         "each example (row): reduce over axis=-1.", lambda: over(0)))
    variants.append(("You summed over the whole array, so all entries together sum to 1. Sum over the last "
                     "axis only: e.sum(axis=-1, keepdims=True).", lambda: over(None)))
    if z.ndim == 3:
        variants.append(("You normalised over axis 1; softmax works over the last axis, axis=-1.", lambda: over(1)))
    return diagnose(arr, ref(z), variants, None, rtol=1e-5, atol=1e-8)


SOFTMAX = LastAxisFunction("softmax", ref, wrong_axis_hint, KEEPDIMS, atol=1e-12)

test_values = SOFTMAX.values_test("softmax(z)[n, k] = exp(z[n, k]) / sum_j exp(z[n, j]): each row (example) sums to 1.")


@weight(2)
def test_large_logits(student, rng):
    """no nan for logits of size 1000, nor for rows far apart from each other"""
    z = draw_logits(rng, n=int(rng.integers(3, 9)), scale=3.0)    # rows 0, 1 and -1 are distinct
    z += rng.uniform(-1000.0, 1000.0, size=(z.shape[0], 1))        # each row its own offset
    z[0] = -1000.0
    z[0, 0] = 1000.0                                                # a row with a spread of 2000
    z[-1] = -1000.0 + rng.normal(0.0, 1.0, size=z.shape[1])         # a row far below the others
    z[1, :] += 1000.0 - z[1].max()                                  # a row whose maximum is 1000
    what = f"softmax(z) for logits of shape {z.shape} with entries up to +-1000 and rows far apart"
    got = expect_shape(SOFTMAX.call(student, z, what), z.shape, what, KEEPDIMS)
    expect(np.all(np.isfinite(got)),
           f"{what}: {int((~np.isfinite(got)).sum())} entries are nan or inf.", STABLE)
    expect_close(got, ref(z), what, wrong_axis_hint(got, z) or STABLE, atol=1e-12)


test_vector = SOFTMAX.vector_test()
test_batch_of_one = SOFTMAX.batch_of_one_test()


@weight(1)
def test_3d(student, rng):
    """a 3-D array (B, N, K): softmax over the last axis"""
    z = rng.normal(0.0, 2.0, size=(2, int(rng.integers(3, 5)), int(rng.integers(5, 7))))
    SOFTMAX.check(student, z, f"z of shape {z.shape}", "Reduce over the last axis, axis=-1, whatever the number of "
                  "axes.")
