"""gamma = exp(c - logsumexp(c)), with a logsumexp helper."""

import numpy as np


def logsumexp_rows(c):
    top = c.max(axis=1, keepdims=True)
    return top + np.log(np.exp(c - top).sum(axis=1, keepdims=True))


def mdn_nll_grad(raw, t, k):
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    log_pi = z - logsumexp_rows(z)
    u = (t - m) * np.exp(-a)
    c = log_pi - 0.5 * np.log(2 * np.pi) - a - 0.5 * u * u
    gamma = np.exp(c - logsumexp_rows(c))
    grad = np.empty_like(raw)
    grad[:, :k] = np.exp(log_pi) - gamma
    grad[:, k:2 * k] = -gamma * u * np.exp(-a)
    grad[:, 2 * k:] = gamma * (1 - u * u)
    return grad / len(raw)
