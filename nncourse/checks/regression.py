r"""Self-checks for lesson 10, "Regression: output units beyond classification".

Each function takes the student's answer and checks it on small, fixed
examples: loss values against the likelihood written out term by term (the
textbook formula, fine for these moderate values), gradients against finite
differences of that formula, and the two questions against a search over a
fine grid::

    from nncourse.checks import regression as check
    check.mse_loss_grad(mse_loss_grad)
    check.gaussian_nll(gaussian_nll)
    check.best_log_variance(best_log_variance)
    check.mse_prediction(mse_prediction)
    check.mdn_params(mdn_params)
    check.mdn_nll(mdn_nll)
    check.mdn_nll_grad(mdn_nll_grad)
"""

from __future__ import annotations

import numpy as np

from nncourse._compare import matches
from nncourse.checks import as_number, check_close, check_shape, check_tuple, finish, passed
from nncourse.gradcheck import numerical_gradient

__all__ = ["mse_loss_grad", "gaussian_nll", "best_log_variance", "mse_prediction",
           "mdn_params", "mdn_nll", "mdn_nll_grad"]


def _quiet(fn, *args):
    """Call the student's ``fn`` without printing NumPy warnings (the check looks at the result)."""
    with np.errstate(all="ignore"):
        return fn(*args)


def _same(a, b):
    """True if ``a`` is finite and equals ``b`` (same shape) to the self-checks' tolerance."""
    return matches(a, b, rtol=1e-5, atol=1e-9) and bool(np.all(np.isfinite(np.asarray(a, dtype=float))))


# --------------------------------------------------------------------------- Gaussian output

def _mse(y, t):
    return float(np.sum((y - t) ** 2) / y.shape[0])


def mse_loss_grad(fn) -> None:
    r"""Check ``mse_loss_grad(y, t) -> (loss, grad)``."""
    y = np.array([[0.5, -1.0, 0.2], [2.0, 0.0, -0.4], [0.3, 0.7, 1.1], [-0.6, 0.1, 0.0]])
    t = np.array([[1.0, 0.0, 0.0], [1.5, -0.5, 0.3], [0.0, 1.0, 1.0], [0.2, -0.3, 0.5]])
    n, k = y.shape
    what = "mse_loss_grad(y, t) for y, t of shape (4, 3)"
    loss, grad = check_tuple(_quiet(fn, y.copy(), t.copy()), ("loss", "grad"), what)
    exp = _mse(y, t)
    got = as_number(loss, what + ": loss", "The loss is one number: the mean over the batch.")
    hint = "Sum the squared errors over all entries and divide by N (the number of rows)."
    if np.isclose(got, exp / 2):
        hint = "Your loss is half the expected one: this lesson's MSE has no 1/2 in front."
    elif np.isclose(got, exp / k):
        hint = f"Your loss is {k} times too small: divide by N = {n} examples, not by N * K = {n * k} entries."
    elif np.isclose(got, exp * n):
        hint = "Your loss is N times too large: it is a mean over the batch, not a sum."
    check_close(got, exp, what + ": loss", hint)
    passed("the loss is (1/N) * sum of (y - t)**2")

    num = numerical_gradient(lambda v: _mse(v, t), y.copy())
    g = check_shape(grad, y.shape, what + ": grad", "The gradient has the shape of y.")
    hint = "d/dy of (y - t)**2 is 2 (y - t); the mean over the batch adds 1/N."
    if _same(g, num / 2):
        hint = "Your gradient is half the expected one: the derivative of (y - t)**2 is 2 (y - t), keep the 2."
    elif _same(g, num * n) or _same(g, num * n / 2):
        hint = f"Your gradient is missing the 1/N of the batch mean (N = {n})."
    elif _same(g, num / k):
        hint = f"Divide by N = {n}, not by N * K = {n * k}."
    elif _same(g, -num):
        hint = "Your sign is flipped: the gradient is 2 (y - t) / N, not 2 (t - y) / N."
    check_close(g, num, what + ": grad", hint)
    passed("grad = 2 (y - t) / N matches finite differences")

    y1, t1 = np.array([[3.0]]), np.array([[1.0]])
    loss, grad = check_tuple(_quiet(fn, y1.copy(), t1.copy()), ("loss", "grad"), "mse_loss_grad for one example")
    check_close(as_number(loss, "mse_loss_grad for one example: loss"), 4.0, "mse_loss_grad for one example: loss")
    check_close(grad, [[4.0]], "mse_loss_grad for one example: grad")
    passed("works for a batch of one example")
    finish()


def _nll(mu, s, t):
    sigma2 = np.exp(s)
    dens = np.exp(-0.5 * (t - mu) ** 2 / sigma2) / np.sqrt(2 * np.pi * sigma2)
    return float(-np.sum(np.log(dens)) / mu.shape[0])


def gaussian_nll(fn) -> None:
    r"""Check ``gaussian_nll(mu, log_var, t) -> (loss, dmu, dlog_var)``."""
    mu = np.array([[0.5, -1.0], [2.0, 0.0], [0.0, 0.4]])
    s = np.array([[0.0, 1.0], [-1.5, 0.3], [0.8, -0.6]])
    t = np.array([[1.0, 0.0], [2.5, -1.0], [0.2, 1.0]])
    n = mu.shape[0]
    what = "gaussian_nll(mu, log_var, t) for arrays of shape (3, 2)"
    loss, dmu, ds = check_tuple(_quiet(fn, mu.copy(), s.copy(), t.copy()), ("loss", "dmu", "dlog_var"), what)
    exp = _nll(mu, s, t)
    got = as_number(loss, what + ": loss", "The loss is one number: a mean over the batch.")
    hint = "Per entry 1/2 [log(2 pi) + s + (t - mu)**2 exp(-s)], summed over all entries and divided by N."
    with np.errstate(all="ignore"):
        as_variance = _nll(mu, np.log(np.abs(s) + 1e-300), t)
    if np.isclose(got, exp - 0.5 * np.log(2 * np.pi) * mu.size / n):
        hint = "The constant 1/2 log(2 pi) per output is missing."
    elif np.isclose(got, as_variance):
        hint = "You used log_var as the variance itself; the variance is exp(log_var)."
    elif np.isclose(got, exp * n):
        hint = "Your loss is N times too large: take the mean over the batch."
    check_close(got, exp, what + ": loss", hint)
    passed("the loss is the Gaussian negative log-likelihood, a mean over the batch")

    num_mu = numerical_gradient(lambda v: _nll(v, s, t), mu.copy())
    num_s = numerical_gradient(lambda v: _nll(mu, v, t), s.copy())
    g = check_shape(dmu, mu.shape, what + ": dmu", "dmu has the shape of mu.")
    hint = "dmu = (mu - t) exp(-s) / N."
    if _same(g, num_mu * np.exp(s)):
        hint = "You left out the division by the variance: dmu = (mu - t) exp(-s) / N."
    elif _same(g, num_mu * n):
        hint = f"The 1/N of the batch mean is missing (N = {n})."
    elif _same(g, -num_mu):
        hint = "Your sign is flipped: dmu = (mu - t) exp(-s) / N."
    check_close(g, num_mu, what + ": dmu", hint)
    passed("dmu matches finite differences")
    g = check_shape(ds, s.shape, what + ": dlog_var", "dlog_var has the shape of log_var.")
    hint = "dlog_var = 1/2 (1 - (t - mu)**2 exp(-s)) / N."
    if _same(g, num_s * np.exp(-s)):
        hint = ("That is the derivative with respect to the variance exp(s); the chain rule through exp "
                "multiplies it by exp(s).")
    elif _same(g, 2 * num_s):
        hint = "Your dlog_var is twice too large: the 1/2 in front of the log-likelihood stays."
    elif _same(g, num_s * n):
        hint = f"The 1/N of the batch mean is missing (N = {n})."
    check_close(g, num_s, what + ": dlog_var", hint)
    passed("dlog_var matches finite differences")

    mu2 = np.array([[0.0], [1.0]])
    s2 = np.array([[800.0], [-3.0]])
    t2 = np.array([[1.0], [1.5]])
    what = "gaussian_nll with log_var = 800 (a huge variance)"
    loss, dmu, ds = check_tuple(_quiet(fn, mu2.copy(), s2.copy(), t2.copy()), ("loss", "dmu", "dlog_var"), what)
    exp = 0.5 * (2 * np.log(2 * np.pi) + 800 - 3 + 0.25 * np.exp(3.0)) / 2
    check_close(as_number(loss, what + ": loss"), exp, what + ": loss",
                "Use log_var directly in the formula: np.log(np.exp(800)) is log(inf) = inf.")
    check_close(ds, [[0.25], [0.25 * (1 - 0.25 * np.exp(3.0))]], what + ": dlog_var")
    passed("finite for log_var = 800")
    finish()


def best_log_variance(fn) -> None:
    r"""Check ``best_log_variance(residuals) -> float`` against a search over s."""
    grid = np.linspace(-6.0, 6.0, 120001)
    cases = ((np.array([0.5, -1.5, 1.0, 0.2, -0.3]), "five residuals around 0"),
             (np.array([2.1, 1.8, 2.4]), "three residuals around 2 (biased means)"))
    for r, label in cases:
        losses = 0.5 * (grid + np.mean(r ** 2) * np.exp(-grid))
        best = float(grid[np.argmin(losses)])
        what = f"best_log_variance({r.tolist()})"
        got = as_number(_quiet(fn, r.copy()), what, "Return one number, the log-variance s.")
        hint = "Set the mean of 1/2 (1 - r_n**2 exp(-s)) to zero and solve for s."
        with np.errstate(all="ignore"):
            if np.isclose(got, np.mean(r ** 2), atol=1e-3):
                hint = "That is the best variance; the question asks for its log."
            elif np.isclose(got, np.log(np.var(r)), atol=1e-3):
                hint = "np.var subtracts the mean of the residuals; the loss uses r_n**2 as they are."
        check_close(got, best, what, hint, rtol=0, atol=2e-4)
        passed(f"the best log-variance for {label}, found by a search over s")
    finish()


def mse_prediction(fn) -> None:
    r"""Check ``mse_prediction(values, probs) -> float`` against a search over predictions."""
    for values, probs, label in ((np.array([0.2, 0.8]), np.array([0.5, 0.5]), "two equally likely branches"),
                                 (np.array([0.1, 0.5, 0.9]), np.array([0.2, 0.2, 0.6]), "three unequal branches")):
        grid = np.linspace(-1.0, 2.0, 300001)
        risk = np.sum(probs[:, None] * (grid[None, :] - values[:, None]) ** 2, axis=0)
        best = float(grid[np.argmin(risk)])
        what = f"mse_prediction({values.tolist()}, {probs.tolist()})"
        got = as_number(_quiet(fn, values.copy(), probs.copy()), what, "Return one number.")
        hint = "Minimise sum_j probs[j] (y - values[j])**2 over y: set its derivative to zero."
        if np.isclose(got, values[np.argmax(probs)]) and not np.isclose(best, values[np.argmax(probs)]):
            hint = "MSE does not pick the most likely value; it is minimised by a compromise between all of them."
        elif np.isclose(got, np.mean(values)) and not np.isclose(best, np.mean(values)):
            hint = "Weight each value by its probability."
        check_close(got, best, what, hint, rtol=0, atol=1e-4)
        passed(f"the prediction that minimises the expected squared error for {label}")
    finish()


# --------------------------------------------------------------------------- mixture density network

def _raw_example():
    """N = 3 examples, K = 2 components: [logits | means | raw scales]."""
    return np.array([[0.2, -0.4, 0.0, 1.0, -0.5, 0.3],
                     [1.5, 0.5, -1.0, 0.5, 0.2, -0.2],
                     [-0.3, 0.9, 0.4, 0.6, -1.0, 0.1]]), np.array([[0.3], [0.0], [0.7]])


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def mdn_params(fn) -> None:
    r"""Check ``mdn_params(raw, k) -> (pi, mu, sigma)``."""
    raw, _ = _raw_example()
    k = 2
    what = "mdn_params(raw, k=2) for raw of shape (3, 6)"
    pi, mu, sigma = check_tuple(_quiet(fn, raw.copy(), k), ("pi", "mu", "sigma"), what)
    z = raw[:, :k]
    hint = "pi = softmax of the first K columns, over the K components of each row (axis=1)."
    p = np.asarray(pi, dtype=float) if pi is not None else None
    if p is not None and p.shape == z.shape:
        if _same(p, np.exp(z) / np.exp(z).sum(axis=0, keepdims=True)):
            hint = ("You normalised over the batch (axis 0): each example's weights must sum to 1 "
                    "over its K components (axis 1).")
        elif _same(p, np.exp(z)):
            hint = "The weights must sum to 1 for each example: divide exp(z) by its sum over the components."
    check_close(pi, _softmax(z), what + ": pi", hint)
    passed("pi is the softmax over the components; each row sums to 1")
    check_close(mu, raw[:, k:2 * k], what + ": mu", "mu is the middle block of K columns, unchanged.")
    passed("mu is the middle block")
    a = raw[:, 2 * k:]
    hint = "sigma = exp(a) for the last K columns a: positive for any a."
    s = np.asarray(sigma, dtype=float) if sigma is not None else None
    if s is not None and s.shape == a.shape and _same(s, a):
        hint = "sigma must be positive: a raw output can be negative, so pass it through exp."
    elif s is not None and s.shape == a.shape and _same(s, np.exp(0.5 * a)):
        hint = "The last block is log sigma, not log sigma**2: sigma = exp(a)."
    check_close(sigma, np.exp(a), what + ": sigma", hint)
    passed("sigma = exp(a) is positive")

    big = np.array([[1000.0, 998.0, 0.0, 0.0, 0.0, 0.0]])
    what = "mdn_params with logits 1000 and 998"
    pi, _, _ = check_tuple(_quiet(fn, big, 2), ("pi", "mu", "sigma"), what)
    check_close(pi, _softmax(big[:, :2]), what + ": pi",
                "exp(1000) overflows: subtract each row's maximum logit before exponentiating.")
    passed("no overflow for logits of size 1000")
    finish()


def _mdn_nll_reference(raw, t, k):
    """The negative log-likelihood term by term (fine for the moderate values used here)."""
    pi = _softmax(raw[:, :k])
    mu, sigma = raw[:, k:2 * k], np.exp(raw[:, 2 * k:])
    dens = np.exp(-0.5 * ((t - mu) / sigma) ** 2) / (np.sqrt(2 * np.pi) * sigma)
    return float(-np.mean(np.log(np.sum(pi * dens, axis=1))))


def mdn_nll(fn) -> None:
    r"""Check ``mdn_nll(raw, t, k) -> float``."""
    raw, t = _raw_example()
    what = "mdn_nll(raw, t, k=2) for raw of shape (3, 6)"
    got = as_number(_quiet(fn, raw.copy(), t.copy(), 2), what, "Return the mean over the batch, one number.")
    exp = _mdn_nll_reference(raw, t, 2)
    hint = "-mean over n of log sum_k pi_k N(t_n; mu_k, sigma_k**2), with N the Gaussian density."
    if np.isclose(got, 3 * exp):
        hint = "Your loss is N times too large: take the mean over the batch, not the sum."
    elif np.isclose(got, exp - 0.5 * np.log(2 * np.pi)):
        hint = "The constant -1/2 log(2 pi) of the Gaussian log-density is missing."
    check_close(got, exp, what, hint)
    passed("the mixture's negative log-likelihood, a mean over the batch")

    far = np.array([[0.0, 0.0, 0.0, 1.0, np.log(0.02), np.log(0.02)]])
    what = "mdn_nll for a target 50 standard deviations from the nearer mean"
    got = as_number(_quiet(fn, far, np.array([[2.0]]), 2), what)
    # log-sum-exp of two terms by hand: c_k = log 1/2 - 1/2 log 2 pi - log 0.02 - 1/2 u_k**2
    c = np.log(0.5) - 0.5 * np.log(2 * np.pi) - np.log(0.02) - 0.5 * np.array([100.0, 50.0]) ** 2
    exp = -(c.max() + np.log(np.sum(np.exp(c - c.max()))))
    check_close(got, exp, what,
                "Each density underflows to 0 and log(0) = -inf: work with the log of each term, "
                "c_k = log pi_k + log N_k, and combine them with log-sum-exp (subtract max_k c_k).")
    big = np.array([[1000.0, 990.0, 0.0, 1.0, 0.0, 0.0]])
    what = "mdn_nll with logits 1000 and 990"
    got = as_number(_quiet(fn, big, np.array([[0.5]]), 2), what)
    check_close(got, _mdn_nll_reference(big - [[990.0, 990.0, 0, 0, 0, 0]], np.array([[0.5]]), 2), what,
                "exp(1000) overflows: compute log pi with a stable log-softmax (subtract the row maximum).")
    passed("finite and right for a far target and for logits of size 1000 (log-sum-exp)")
    finish()


def mdn_nll_grad(fn) -> None:
    r"""Check ``mdn_nll_grad(raw, t, k) -> (N, 3K)`` against finite differences."""
    raw, t = _raw_example()
    k = 2
    what = "mdn_nll_grad(raw, t, k=2) for raw of shape (3, 6)"
    got = check_shape(_quiet(fn, raw.copy(), t.copy(), k), raw.shape, what,
                      "The gradient has raw's shape (N, 3K): [dlogits | dmeans | draw_scales].")
    num = numerical_gradient(lambda r: _mdn_nll_reference(r, t, k), raw.copy())
    for j, name, hint in ((0, "the logits block (first K columns)",
                           "dz = (pi - gamma) / N, gamma the responsibilities softmax_k(c_k)."),
                          (1, "the means block (middle K columns)",
                           "dm = -gamma (t - mu) / sigma**2 / N."),
                          (2, "the raw-scales block (last K columns)",
                           "da = gamma (1 - u**2) / N with u = (t - mu) / sigma (the chain rule through "
                           "sigma = exp(a) multiplies dl/dsigma by sigma).")):
        block = slice(j * k, (j + 1) * k)
        g, e = got[:, block], num[:, block]
        if _same(g, 3 * e):
            hint = "This block is N times too large: the loss is a mean over the batch (divide by N)."
        elif _same(g, -e):
            hint = "This block has the wrong sign. " + hint
        check_close(g, e, f"{what}: {name}", hint, rtol=1e-4, atol=1e-7)
        passed(f"{name} matches finite differences")

    far = np.array([[0.0, 0.0, 0.0, 1.0, np.log(0.02), np.log(0.02)]])
    what = "mdn_nll_grad for a target 50 standard deviations from the nearer mean"
    got = check_shape(_quiet(fn, far, np.array([[2.0]]), 2), far.shape, what)
    # the nearer component (mean 1) has responsibility 1 to double precision
    u = 50.0
    exp = np.array([[0.5 - 0.0, 0.5 - 1.0, 0.0, -u / 0.02, 0.0, 1.0 - u ** 2]])
    check_close(got, exp, what,
                "The densities underflow to 0 and 0/0 is nan: compute the responsibilities as a softmax of "
                "c_k = log pi_k + log N_k, subtracting max_k c_k first.", rtol=1e-6, atol=1e-6)
    passed("finite for a target far from every mean")

    big = np.array([[1000.0, 990.0, 0.0, 1.0, 0.0, 0.0]])
    t1 = np.array([[0.5]])
    what = "mdn_nll_grad with logits 1000 and 990"
    got = check_shape(_quiet(fn, big.copy(), t1, 2), big.shape, what)
    shift = np.array([[990.0, 990.0, 0.0, 0.0, 0.0, 0.0]])     # the softmax ignores a common shift of the logits
    num = numerical_gradient(lambda r: _mdn_nll_reference(r, t1, 2), big - shift)
    check_close(got, num, what, "exp(1000) overflows: compute pi and the responsibilities as softmaxes that "
                "subtract the row maximum first.", rtol=1e-4, atol=1e-7)
    passed("finite for logits of size 1000")
    finish()
