"""Uses exp(a) as the variance in the density (sigma = exp(a / 2))."""

import numpy as np


def mdn_nll(raw, t, k):
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    zm = z.max(axis=1, keepdims=True)
    log_pi = z - zm - np.log(np.exp(z - zm).sum(axis=1, keepdims=True))
    c = log_pi - 0.5 * np.log(2 * np.pi) - 0.5 * a - 0.5 * (t - m) ** 2 * np.exp(-a)
    cm = c.max(axis=1, keepdims=True)
    return float(-np.mean(cm[:, 0] + np.log(np.exp(c - cm).sum(axis=1))))
