"""Hidden tests for Exercise 4, ``mdn_nll(raw, t, k) -> float``.

-(1/N) sum_n log sum_k pi_nk N(t_n; mu_nk, sigma_nk**2), with pi = softmax(z), mu = m, sigma = exp(a)
for raw = [z | m | a]; computed with log-sum-exp, so far targets and logits of 1000 stay finite.
"""

import numpy as np

from nncourse.grading import testing
from nncourse.grading.testing import expect_close, expect_no_warnings, expect_number, mdn_outputs, weight

NAME = "mdn_nll"
LOG_2PI = np.log(2 * np.pi)
STABLE = ("Work in log space: c_k = log pi_k + log N(t; mu_k, sigma_k**2) with log pi = z - logsumexp(z) and "
          "log N = -1/2 log(2 pi) - a - 1/2 ((t - mu) / sigma)**2, then -logsumexp_k(c_k), subtracting "
          "max_k c_k before exponentiating.")


def logsumexp(c, axis=1):
    m = c.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(c - m).sum(axis=axis, keepdims=True)))[..., 0]


def parts(raw, t, k):
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    log_pi = z - logsumexp(z)[:, None]
    u = (t - m) * np.exp(-a)
    return log_pi, m, a, u


def reference(raw, t, k):
    log_pi, _, a, u = parts(raw, t, k)
    return float(-np.mean(logsumexp(log_pi - 0.5 * LOG_2PI - a - 0.5 * u ** 2)))


def answer(student, raw, t, k, what):
    return expect_number(student.function(NAME)(raw, t, k), what, "Return the mean over the batch as a float.")


def hint(got, raw, t, k):
    """Name the mistake whose value equals the student's on this input, if any."""
    n = len(raw)
    log_pi, m, a, u = parts(raw, t, k)
    log_n = -0.5 * LOG_2PI - a - 0.5 * u ** 2
    exp = reference(raw, t, k)
    z = raw[:, :k]
    with np.errstate(all="ignore"):
        log_pi0 = z - logsumexp(z, axis=0)[None, :]
        wrong = (
            (exp * n, "Your loss is a sum over the batch: take the mean over the N examples."),
            (exp - 0.5 * LOG_2PI, "The constant -1/2 log(2 pi) of the Gaussian log-density is missing."),
            (float(-np.mean(np.sum(np.exp(log_pi) * log_n, axis=1))),
             "You averaged the log-densities with the weights (sum_k pi_k log N_k); the likelihood is the log of "
             "the weighted sum of densities, log sum_k pi_k N_k: use log-sum-exp of log pi_k + log N_k."),
            (float(-np.mean(logsumexp(log_pi - 0.5 * LOG_2PI - 2 * a - 0.5 * ((t - m) * np.exp(-2 * a)) ** 2))),
             "sigma = exp(a), not exp(2 a): the variance is exp(2 a)."),
            (float(-np.mean(logsumexp(log_pi - 0.5 * LOG_2PI - 0.5 * a - 0.5 * ((t - m) * np.exp(-0.5 * a)) ** 2))),
             "The last block is log sigma: sigma = exp(a) (you used exp(a / 2))."),
            (float(-np.mean(logsumexp(log_pi - 0.5 * LOG_2PI - 0.5 * u ** 2))),
             "The -log sigma term of the Gaussian log-density is missing."),
            (float(-np.mean(logsumexp(z + log_n))),
             "The mixing weights are not normalised: use log pi = z - logsumexp(z) over each row."),
            (float(-np.mean(logsumexp(log_pi0 + log_n))),
             "The softmax of the mixing weights runs over the K components of each example (axis 1), not over "
             "the batch."),
            (float(-np.mean(np.max(log_pi + log_n, axis=1))),
             "You kept only the largest term; log-sum-exp adds log sum_k exp(c_k - max) to the maximum."),
            (float(-logsumexp((log_pi + log_n).T, axis=1).mean()),
             "Sum over the K components of each example (axis 1), then average over the batch."),
        )
    for value, text in wrong:
        if np.isfinite(value) and np.isclose(got, value, rtol=1e-6) and not np.isclose(value, exp, rtol=1e-6):
            return text
    return "-mean over n of log sum_k pi_k N(t_n; mu_k, sigma_k**2). " + STABLE


@weight(3)
def test_value(student, rng):
    """the mixture's negative log-likelihood, a mean over the batch"""
    raw, t, k = mdn_outputs(rng)
    what = f"mdn_nll(raw of shape {raw.shape}, t of shape {t.shape}, k={k})"
    got = answer(student, raw, t, k, what)
    expect_close(got, reference(raw, t, k), what, hint(got, raw, t, k))


@weight(1)
def test_one_component_is_a_gaussian(student, rng):
    """K = 1: the Gaussian negative log-likelihood with sigma = exp(a)"""
    raw, t, _ = mdn_outputs(rng, k=1)
    what = f"mdn_nll(raw of shape {raw.shape}, t, k=1)"
    got = answer(student, raw, t, 1, what)
    expect_close(got, reference(raw, t, 1), what, hint(got, raw, t, 1))


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one example"""
    raw, t, k = mdn_outputs(rng, n=1)
    what = f"mdn_nll(raw of shape {raw.shape}, t of shape (1, 1), k={k})"
    got = answer(student, raw, t, k, what)
    expect_close(got, reference(raw, t, k), what, hint(got, raw, t, k))


@weight(2)
def test_target_far_from_every_mean(student, rng):
    """finite for targets hundreds of standard deviations from every mean (densities underflow)"""
    raw, t, k = testing.mdn_far_targets(rng, below_too=True)
    what = f"mdn_nll with targets far from every mean (raw of shape {raw.shape}, k={k})"
    got = answer(student, raw, t, k, what)
    expect_close(got, reference(raw, t, k), what, STABLE)
    expect_no_warnings(student, what, "A stable formula never takes the log of an underflowed 0. " + STABLE)


@weight(2)
def test_large_logits(student, rng):
    """finite for mixing logits of size 1000 (exp overflows)"""
    raw, t, k = mdn_outputs(rng)
    raw[:, :k] *= 300.0
    raw[0, :k] = 1000.0 - 5.0 * np.arange(k)
    raw[-1, :k] = -1000.0              # one component dominates the last row: the others' weights underflow to 0
    raw[-1, 0] = 1000.0
    what = f"mdn_nll with logits up to 1000 (raw of shape {raw.shape}, k={k})"
    got = answer(student, raw, t, k, what)
    hint = "exp(1000) overflows: compute log pi = z - max(z) - log(sum(exp(z - max(z)))) per row. " + STABLE
    expect_close(got, reference(raw, t, k), what, hint)
    expect_no_warnings(student, what, hint)
