"""dl/dsigma first, then the chain rule through sigma = exp(a) (multiply by sigma)."""

import numpy as np


def mdn_nll_grad(raw, t, k):
    n = raw.shape[0]
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    zz = z - z.max(axis=1, keepdims=True)
    pi = np.exp(zz) / np.exp(zz).sum(axis=1, keepdims=True)
    sigma = np.exp(a)
    c = zz - a - 0.5 * ((t - m) / sigma) ** 2
    c -= c.max(axis=1, keepdims=True)
    gamma = np.exp(c) / np.exp(c).sum(axis=1, keepdims=True)
    d_sigma = gamma * (1 / sigma - (t - m) ** 2 / sigma ** 3)
    d_m = -gamma * (t - m) / sigma ** 2
    return np.concatenate([pi - gamma, d_m, d_sigma * sigma], axis=1) / n
