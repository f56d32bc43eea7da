"""pi from exp(z) / sum exp(z): nan for logits of 1000."""

import numpy as np


def mdn_nll_grad(raw, t, k):
    n = raw.shape[0]
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    pi = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    u = (t - m) * np.exp(-a)
    c = np.log(pi) - a - 0.5 * u ** 2
    e = np.exp(c - c.max(axis=1, keepdims=True))
    gamma = e / e.sum(axis=1, keepdims=True)
    return np.concatenate([pi - gamma, -gamma * u * np.exp(-a), gamma * (1 - u ** 2)], axis=1) / n
