"""Hidden tests for Exercise 5, ``mdn_nll_grad(raw, t, k) -> (N, 3K)``.

With gamma = softmax_k(c_k), c_k = log pi_k + log N(t; mu_k, sigma_k**2), u = (t - mu) / sigma:
[dz | dm | da] = [pi - gamma | -gamma (t - mu) / sigma**2 | gamma (1 - u**2)] / N.
"""

import numpy as np

from nncourse.grading import testing
from nncourse.grading.testing import expect_close, expect_no_warnings, expect_shape, mdn_outputs, weight

NAME = "mdn_nll_grad"
LOG_2PI = np.log(2 * np.pi)
STABLE = ("Compute the responsibilities as a softmax of c_k = log pi_k - 1/2 log(2 pi) - a_k - 1/2 u_k**2 "
          "(subtract max_k c_k before exponentiating), never as pi N / sum(pi N): the densities underflow to 0 "
          "and 0 / 0 is nan.")
BLOCKS = (("the logits block [:, :K]", "dz = (pi - gamma) / N."),
          ("the means block [:, K:2K]", "dm = -gamma (t - mu) / sigma**2 / N."),
          ("the raw-scales block [:, 2K:]", "da = gamma (1 - u**2) / N with u = (t - mu) / sigma: the chain rule "
                                            "through sigma = exp(a) multiplies dl/dsigma by sigma."))


def softmax(c, axis=1):
    e = np.exp(c - c.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def pieces(raw, t, k):
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    pi = softmax(z)
    zmax = z.max(axis=1, keepdims=True)
    log_pi = z - zmax - np.log(np.exp(z - zmax).sum(axis=1, keepdims=True))
    u = (t - m) * np.exp(-a)
    gamma = softmax(log_pi - 0.5 * LOG_2PI - a - 0.5 * u ** 2)
    return pi, gamma, u, a


def reference(raw, t, k):
    pi, gamma, u, a = pieces(raw, t, k)
    return np.concatenate([pi - gamma, -gamma * u * np.exp(-a), gamma * (1 - u ** 2)], axis=1) / len(raw)


def wrong_variants(raw, t, k):
    """(gradient a known mistake gives, block it affects, hint)."""
    n = len(raw)
    pi, gamma, u, a = pieces(raw, t, k)
    exp = reference(raw, t, k)
    sig = np.exp(a)

    def with_block(j, block):
        g = exp.copy()
        g[:, j * k:(j + 1) * k] = block / n
        return g

    return (
        (exp * n, "The loss is a mean over the batch: divide every block by N."),
        (with_block(0, -gamma), "d/dz of -log sum_k exp(c_k) also goes through log pi = z - logsumexp(z): "
                                "dz = (pi - gamma) / N, not -gamma / N."),
        (with_block(0, gamma - pi), "The sign of the logits block is flipped: dz = (pi - gamma) / N."),
        (with_block(1, -gamma * (t - raw[:, k:2 * k])),
         "The means block is divided by sigma**2: dm = -gamma (t - mu) / sigma**2 / N."),
        (with_block(1, gamma * u / sig),
         "The sign of the means block is flipped: dm = -gamma (t - mu) / sigma**2 / N."),
        (with_block(2, gamma * (1 - u ** 2) / sig),
         "That is dl/dsigma; the raw scale is a = log sigma, so multiply by dsigma/da = sigma: "
         "da = gamma (1 - u**2) / N."),
        (with_block(2, gamma * (u ** 2 - 1)),
         "The sign of the raw-scales block is flipped: da = gamma (1 - u**2) / N."),
        (np.concatenate([pi - pi, -pi * u / sig, pi * (1 - u ** 2)], axis=1) / n,
         "You used the prior weights pi where the responsibilities gamma belong: gamma_k = pi_k N_k / sum_j pi_j N_j."),
    )


def check(student, raw, t, k, what, default_hint=None):
    got = expect_shape(student.function(NAME)(raw, t, k), raw.shape, what,
                       "The gradient has raw's shape (N, 3K): [dz | dm | da].")
    exp = reference(raw, t, k)
    known = None
    if np.all(np.isfinite(got)) and not np.allclose(got, exp, rtol=1e-6, atol=1e-10):
        for value, text in wrong_variants(raw, t, k):
            if np.allclose(got, value, rtol=1e-6, atol=1e-10):
                known = text
                break
    for j, (name, hint) in enumerate(BLOCKS):
        block = slice(j * k, (j + 1) * k)
        expect_close(got[:, block], exp[:, block], f"{what}: {name}", known or default_hint or hint)


@weight(1)
def test_shape(student, rng):
    """returns an array of raw's shape (N, 3K)"""
    raw, t, k = mdn_outputs(rng)
    expect_shape(student.function(NAME)(raw, t, k), raw.shape, f"mdn_nll_grad(raw of shape {raw.shape}, t, k={k})",
                 "The gradient has raw's shape (N, 3K): [dz | dm | da].")


@weight(6)
def test_gradient(student, rng):
    """all three blocks: [pi - gamma | -gamma (t - mu) / sigma**2 | gamma (1 - u**2)] / N"""
    raw, t, k = mdn_outputs(rng)
    check(student, raw, t, k, f"mdn_nll_grad(raw of shape {raw.shape}, t of shape {t.shape}, k={k})")


@weight(1)
def test_batch_of_one_and_one_component(student, rng):
    """a batch of one example, and K = 1"""
    raw, t, k = mdn_outputs(rng, n=1)
    check(student, raw, t, k, f"mdn_nll_grad(raw of shape {raw.shape}, t of shape (1, 1), k={k})")
    raw, t, _ = mdn_outputs(rng, k=1)
    check(student, raw, t, 1, f"mdn_nll_grad(raw of shape {raw.shape}, t, k=1)")


@weight(2)
def test_target_far_from_every_mean(student, rng):
    """finite for targets hundreds of standard deviations from every mean"""
    raw, t, k = testing.mdn_far_targets(rng)
    check(student, raw, t, k, f"mdn_nll_grad with a target far from every mean (raw of shape {raw.shape}, k={k})",
          STABLE)


@weight(1)
def test_large_logits(student, rng):
    """finite for mixing logits of size 1000"""
    raw, t, k = mdn_outputs(rng)
    raw[0, :k] = 1000.0 - 2.0 * np.arange(k)
    raw[-1, :k] = -1000.0              # one component dominates the last row: the others' weights underflow to 0
    raw[-1, 0] = 1000.0
    what = f"mdn_nll_grad with logits up to 1000 (raw of shape {raw.shape}, k={k})"
    hint = "exp(1000) overflows: compute pi and gamma as softmaxes that subtract the row maximum first."
    check(student, raw, t, k, what, hint)
    expect_no_warnings(student, what, hint + " A weight that underflows to 0 has no finite log: stay in log space.")
