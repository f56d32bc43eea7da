"""Takes log pi as the log of a (stable) softmax: weights that underflow to 0 give log(0) and a warning."""

import numpy as np


def mdn_nll(raw, t, k):
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:3 * k]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    log_pi = np.log(e / e.sum(axis=1, keepdims=True))          # -inf where exp(z - max) underflows
    log_n = -0.5 * np.log(2 * np.pi) - a - 0.5 * ((t - m) / np.exp(a)) ** 2
    c = log_pi + log_n
    top = c.max(axis=1, keepdims=True)
    return float(-np.mean(top[:, 0] + np.log(np.exp(c - top).sum(axis=1))))
