"""Hidden tests for Exercise 2, ``gaussian_nll(mu, log_var, t) -> (loss, dmu, dlog_var)``.

loss = (1/N) * sum over n, k of 1/2 [log 2 pi + s + (t - mu)**2 exp(-s)] with s = log_var;
dmu = (mu - t) exp(-s) / N; dlog_var = 1/2 (1 - (t - mu)**2 exp(-s)) / N.
"""

import numpy as np

from nncourse.grading.testing import expect_close, expect_returns, expect_shape, make_test, weight

NAME = "gaussian_nll"
LOG_2PI = np.log(2 * np.pi)


def draw(rng, n=None, k=None):
    n = int(rng.integers(3, 9)) if n is None else n
    k = int(rng.integers(2, 4)) if k is None else k
    return rng.normal(size=(n, k)), rng.normal(0.0, 1.0, size=(n, k)), rng.normal(size=(n, k))


def reference(mu, s, t):
    n = len(mu)
    r = t - mu
    q = r ** 2 * np.exp(-s)
    return float(0.5 * np.sum(LOG_2PI + s + q) / n), -r * np.exp(-s) / n, 0.5 * (1 - q) / n


def unpack(out, what):
    return expect_returns(out, ("loss", "dmu", "dlog_var"), what,
                          numbers={"loss": "The loss is a mean over the batch: one number."})


def loss_hint(got, mu, s, t):
    n, k = mu.shape
    exp, _, _ = reference(mu, s, t)
    r2 = (t - mu) ** 2
    with np.errstate(all="ignore"):
        as_variance = 0.5 * np.sum(LOG_2PI + np.log(s) + r2 / s) / n
    wrong = ((exp - 0.5 * LOG_2PI * k, "The constant 1/2 log(2 pi) per output is missing."),
             (exp * n, "Your loss is a sum over the batch: divide by N."),
             (exp / k, f"Divide by the N = {n} examples only, and sum over the K = {k} outputs."),
             (as_variance, "You used log_var as the variance; the variance is exp(log_var)."),
             (float(0.5 * np.sum(LOG_2PI + s + r2 * np.exp(s)) / n),
              "The squared residual is divided by the variance: multiply by exp(-s), not exp(s)."),
             (float(0.5 * np.sum(LOG_2PI + 2 * s + r2 * np.exp(-2 * s)) / n),
              "log_var is log sigma**2, not log sigma: the variance is exp(s), not exp(2 s)."),
             (float(np.sum(LOG_2PI + s + r2 * np.exp(-s)) / n), "The factor 1/2 in front of the bracket is missing."))
    for value, text in wrong:
        if np.isfinite(value) and np.isclose(got, value, rtol=1e-6):
            return text
    return "loss = (1/N) * sum of 1/2 [log(2 pi) + s + (t - mu)**2 exp(-s)] over all entries."


def dmu_hint(got, mu, s, t):
    n = len(mu)
    _, g, _ = reference(mu, s, t)
    wrong = ((g * np.exp(s), "You left out the division by the variance: dmu = (mu - t) exp(-s) / N."),
             (2 * g * np.exp(s), "That is the gradient of the squared error; the Gaussian NLL divides by the "
                                 "variance and has a 1/2: dmu = (mu - t) exp(-s) / N."),
             (-g, "The sign is flipped: dmu = (mu - t) exp(-s) / N."),
             (g * n, f"The 1/N of the batch mean is missing (N = {n})."))
    return _match(got, g, wrong, "dmu = (mu - t) exp(-s) / N, of mu's shape.")


def ds_hint(got, mu, s, t):
    n = len(mu)
    _, _, g = reference(mu, s, t)
    r2 = (t - mu) ** 2
    wrong = ((g * np.exp(-s), "That is the derivative with respect to the variance sigma**2 = exp(s); by the "
                              "chain rule through exp, dlog_var is that times exp(s)."),
             (2 * g, "Your dlog_var is twice too large: keep the 1/2 of the log-likelihood."),
             (-g, "The sign is flipped: dlog_var = 1/2 (1 - (t - mu)**2 exp(-s)) / N."),
             (g * n, f"The 1/N of the batch mean is missing (N = {n})."),
             (0.5 * (1 + r2 * np.exp(-s)) / n,
              "d/ds of exp(-s) is -exp(-s): dlog_var = 1/2 (1 - (t - mu)**2 exp(-s)) / N."))
    return _match(got, g, wrong, "dlog_var = 1/2 (1 - (t - mu)**2 exp(-s)) / N, of log_var's shape.")


def _match(got, expected, wrong, default):
    if got.shape == expected.shape and np.all(np.isfinite(got)) and not np.allclose(got, expected):
        for value, text in wrong:
            if np.allclose(got, value, rtol=1e-6, atol=1e-12):
                return text
    return default


def run(student, mu, s, t, what):
    loss, dmu, ds = unpack(student.function(NAME)(mu, s, t), what)
    dmu = expect_shape(dmu, mu.shape, what + ": dmu", "dmu has the shape of mu.")
    ds = expect_shape(ds, mu.shape, what + ": dlog_var", "dlog_var has the shape of log_var.")
    return loss, dmu, ds


@weight(1)
def test_returns_three_values(student, rng):
    """returns (loss, dmu, dlog_var) with the gradients of mu's shape"""
    mu, s, t = draw(rng)
    run(student, mu, s, t, f"gaussian_nll for arrays of shape {mu.shape}")


# each part of the result: (its place in (loss, dmu, dlog_var), its name, the hint of the mistake it matches)
PARTS = ((0, "loss", loss_hint), (1, "dmu", dmu_hint), (2, "dlog_var", ds_hint))


def check_parts(student, mu, s, t, what, parts=PARTS, hint=None):
    """The parts ``parts`` of gaussian_nll(mu, s, t) against the reference, each with its hint or ``hint``."""
    got, exp = run(student, mu, s, t, what), reference(mu, s, t)
    for index, name, hint_of in parts:
        expect_close(got[index], exp[index], f"{what}: {name}", hint or hint_of(got[index], mu, s, t))


def part_test(index, doc):
    """A test (weight 2) of one part of the result for random arrays."""
    def check(student, rng):
        mu, s, t = draw(rng)
        check_parts(student, mu, s, t, f"gaussian_nll for arrays of shape {mu.shape}", [PARTS[index]])
    return make_test(check, doc, 2)


test_loss = part_test(0, "the loss is the Gaussian negative log-likelihood, a mean over the batch")
test_dmu = part_test(1, "dmu = (mu - t) exp(-s) / N")
test_dlog_var = part_test(2, "dlog_var = 1/2 (1 - (t - mu)**2 exp(-s)) / N")


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one example with one output"""
    mu, s, t = draw(rng, n=1, k=1)
    check_parts(student, mu, s, t, "gaussian_nll for a batch of one, arrays of shape (1, 1)")


@weight(2)
def test_huge_log_variance(student, rng):
    """finite and right for log-variances of 800 and more"""
    mu, s, t = draw(rng)
    s[0, 0] = 800.0
    s[-1, -1] = float(rng.uniform(750.0, 1000.0))
    what = f"gaussian_nll for arrays of shape {mu.shape} with log_var = {s[0, 0]:.0f} and {s[-1, -1]:.0f}"
    hint = ("Use log_var directly in the formula: np.log(np.exp(800)) is log(inf) = inf, and exp(800) as a "
            "variance is inf. Multiply by exp(-log_var) instead of dividing by exp(log_var).")
    check_parts(student, mu, s, t, what, hint=hint)
