"""dz = -gamma: forgets that log pi depends on every logit through the softmax."""

import numpy as np


def mdn_nll_grad(raw, t, k):
    n = raw.shape[0]
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    zm = z.max(axis=1, keepdims=True)
    log_pi = z - zm - np.log(np.exp(z - zm).sum(axis=1, keepdims=True))
    u = (t - m) * np.exp(-a)
    c = log_pi - 0.5 * np.log(2 * np.pi) - a - 0.5 * u ** 2
    e = np.exp(c - c.max(axis=1, keepdims=True))
    gamma = e / e.sum(axis=1, keepdims=True)
    return np.concatenate([-gamma, -gamma * u * np.exp(-a), gamma * (1 - u ** 2)], axis=1) / n
