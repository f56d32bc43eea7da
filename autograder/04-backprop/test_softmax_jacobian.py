"""Hidden tests for Exercise 4, ``softmax_jacobian(z) -> J`` and ``softmax_backward(z, grad_p) -> grad_z``.

p = softmax(z) row by row; J[n, i, j] = d p[n, i] / d z[n, j] = p[n, i] (delta_ij - p[n, j]), shape (N, K, K);
grad_z[n, j] = sum_i grad_p[n, i] J[n, i, j], shape (N, K).
"""

import numpy as np

from nncourse.grading.testing import (
    diagnose,
    expect_close,
    expect_dtype,
    expect_shape,
    weight,
    wide_range,
    with_repeats,
)

JACOBIAN, BACKWARD = "softmax_jacobian", "softmax_backward"
STABLE = ("exp() of a logit of 1e4 overflows to inf, and a whole row far below the batch's maximum underflows to "
          "0 / 0 = nan: compute p with the notebook's softmax, which subtracts each row's own maximum.")
NEUTRAL_J = ("J[n, i, j] = p[n, i] (delta_ij - p[n, j]): p[:, :, None] * (np.eye(K) - p[:, None, :]), with p the "
             "softmax of each row.")
NEUTRAL_B = "grad_z[n, j] = sum_i grad_p[n, i] J[n, i, j]: np.einsum('ni,nij->nj', grad_p, J)."


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def jacobian_of(p):
    return p[:, :, None] * (np.eye(p.shape[1]) - p[:, None, :])


def draw(rng, n=None, k=None, scale=2.0):
    n = int(rng.integers(2, 7)) if n is None else n
    k = int(rng.integers(2, 7)) if k is None else k
    return rng.normal(0.0, scale, size=(n, k)), rng.normal(size=(n, k))


def wrong_jacobians(z):
    """(hint, what that mistake returns on z) for the Jacobians students write."""
    z = np.asarray(z, dtype=float)
    p = softmax(z)
    eye = np.eye(p.shape[1])
    whole = np.exp(z - z.max())
    return [
        ("Only the diagonal is filled: softmax is not elementwise, every p_i depends on every z_j, and the "
         "entries with j != i are -p_i p_j.", lambda: p[:, :, None] * eye * (1 - p[:, None, :])),
        ("The diagonal misses -p_i p_j: for j = i the quotient rule gives p_i - p_i**2.", lambda: p[:, :, None] * eye),
        ("The delta term is missing: the diagonal also gets + p_i, from differentiating e^{z_i} itself.",
         lambda: -p[:, :, None] * p[:, None, :]),
        ("A sign: dS/dz_j = e^{z_j} enters the quotient rule with a minus, J_ij = p_i (delta_ij - p_j).",
         lambda: p[:, :, None] * (eye + p[:, None, :])),
        ("That is the Jacobian of log p, not of p: multiply row i of each Jacobian by p_i.",
         lambda: np.broadcast_to(eye - p[:, None, :], (p.shape[0],) + eye.shape)),
        ("The softmax normalises each row on its own: divide by the sum of its row, not of the whole batch.",
         lambda: jacobian_of(whole / whole.sum())),
        ("The formula takes the probabilities p = softmax(z), not the logits z.",
         lambda: z[:, :, None] * (eye - z[:, None, :])),
    ]


def backward_hint(got, z, g):
    """A hint naming the confirmed mistake of a wrong ``softmax_backward`` on (z, g); else the neutral one."""
    p = softmax(z)
    right = np.einsum("ni,nij->nj", g, jacobian_of(p))
    variants = [
        ("grad_p * p (1 - p) treats softmax as elementwise; every probability depends on every logit, so "
         "sum over i: grad_z[n, j] = sum_i grad_p[n, i] J[n, i, j].", lambda: g * p * (1 - p)),
        (f"Your result is {z.shape[0]} times too small: the rows are independent examples, do not average "
         "over the batch.", lambda: right / z.shape[0]),
        ("grad_p * diag(J) keeps only the diagonal of each Jacobian: sum over all i.",
         lambda: g * np.einsum("nii->ni", jacobian_of(p))),
    ]
    variants += [(f"Your softmax_backward follows from a wrong Jacobian. {hint}",
                  (lambda f=f: np.einsum("ni,nij->nj", g, f()))) for hint, f in wrong_jacobians(z)]
    return diagnose(got, right, variants, NEUTRAL_B)


def check_jacobian(student, z, what):
    got = student.function(JACOBIAN)(z)
    n, k = np.shape(z)
    arr = expect_shape(got, (n, k, k), what,
                       "One K x K Jacobian per row: J[n, i, j] = d p[n, i] / d z[n, j], shape (N, K, K).")
    expected = jacobian_of(softmax(z))
    hint = STABLE if not np.all(np.isfinite(arr)) else diagnose(arr, expected, wrong_jacobians(z), NEUTRAL_J)
    expect_close(arr, expected, what, hint)
    return got


def check_backward(student, z, g, what):
    got = student.function(BACKWARD)(z, g)
    arr = expect_shape(got, np.shape(z), what, "The error signal of the logits has the shape of z, (N, K).")
    right = np.einsum("ni,nij->nj", g, jacobian_of(softmax(z)))
    hint = STABLE if not np.all(np.isfinite(arr)) else backward_hint(arr, z, g)
    expect_close(arr, right, what, hint)
    return arr


@weight(1)
def test_jacobian_shape(student, rng):
    """softmax_jacobian returns one K x K matrix per row, shape (N, K, K)"""
    z, _ = draw(rng)
    n, k = z.shape
    expect_shape(student.function(JACOBIAN)(z), (n, k, k), f"softmax_jacobian for z of shape {z.shape}",
                 "J[n, i, j] = d p[n, i] / d z[n, j]: N matrices of K x K, shape (N, K, K).")


@weight(3)
def test_jacobian_values(student, rng):
    """the Jacobian p_i (delta_ij - p_j) of each row"""
    z, _ = draw(rng)
    check_jacobian(student, z, f"softmax_jacobian for z of shape {z.shape}")


@weight(3)
def test_backward_values(student, rng):
    """softmax_backward: the vector-Jacobian product of each row"""
    z, g = draw(rng)
    check_backward(student, z, g, f"softmax_backward for z and grad_p of shape {z.shape}")


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one row, for both functions"""
    z, g = draw(rng, n=1)
    check_jacobian(student, z, f"softmax_jacobian for one row of K = {z.shape[1]} logits")
    check_backward(student, z, g, f"softmax_backward for one row of K = {z.shape[1]} logits")


@weight(2)
def test_wide_range(student, rng):
    """logits from 0 to 1e4 in size, rows thousands apart: no overflow, no row lost to underflow"""
    n, k = 4, int(rng.integers(4, 7))
    z = wide_range(rng, (n, k)) + np.array([0.0, -3000.0, 3000.0, -20000.0])[:, None]
    g = rng.normal(size=(n, k))
    what = f"logits of shape {z.shape} with entries up to {np.abs(z).max():.0f} in size"
    check_jacobian(student, z, f"softmax_jacobian for {what}")
    check_backward(student, z, g, f"softmax_backward for {what}")


@weight(1)
def test_ties(student, rng):
    """rows of equal logits (p = 1/K) and rows with a tied maximum"""
    k = int(rng.integers(3, 7))
    z = np.stack([np.zeros(k), np.full(k, 700.0), with_repeats(rng, k, distinct=2, scale=3.0),
                  with_repeats(rng, k, distinct=1, scale=50.0)])
    z[2, :2] = z[2].max() + 1.0
    g = with_repeats(rng, 4 * k).reshape(4, k)
    check_jacobian(student, z, f"softmax_jacobian for rows of tied logits {np.round(z, 3).tolist()}")
    check_backward(student, z, g, "softmax_backward for rows of tied logits")


@weight(1)
def test_integer_logits(student, rng):
    """integer logits give floating-point results"""
    z = rng.integers(-5, 6, size=(3, int(rng.integers(2, 6))))
    what = f"softmax_jacobian for integer logits {z.tolist()}"
    expect_dtype(student.function(JACOBIAN)(z), "float", what)
    check_jacobian(student, z, what)
    g = rng.integers(-3, 4, size=z.shape)
    check_backward(student, z, g, f"softmax_backward for integer z and grad_p {g.tolist()}")
