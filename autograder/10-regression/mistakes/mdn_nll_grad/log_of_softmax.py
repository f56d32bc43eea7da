"""Responsibilities from log(pi) of a stable softmax: a weight that underflows to 0 gives log(0) and a warning."""

import numpy as np


def mdn_nll_grad(raw, t, k):
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    pi = e / e.sum(axis=1, keepdims=True)
    u = (t - m) * np.exp(-a)
    c = np.log(pi) - a - 0.5 * u ** 2                   # -inf where pi underflowed
    r = np.exp(c - c.max(axis=1, keepdims=True))
    gamma = r / r.sum(axis=1, keepdims=True)
    grad = np.concatenate([pi - gamma, -gamma * u * np.exp(-a), gamma * (1.0 - u * u)], axis=1)
    return grad / raw.shape[0]
