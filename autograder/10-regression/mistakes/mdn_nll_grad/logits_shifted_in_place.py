"""Shifts the logits by their maximum in place: z is a view of the caller's raw."""

import numpy as np


def mdn_nll_grad(raw, t, k):
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    z -= z.max(axis=1, keepdims=True)
    pi = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    sigma = np.exp(a)
    u = (t - m) / sigma
    log_w = np.log(pi) - a - 0.5 * u ** 2                   # log pi_k N_k, up to the common log sqrt(2 pi)
    w = np.exp(log_w - log_w.max(axis=1, keepdims=True))
    gamma = w / w.sum(axis=1, keepdims=True)
    blocks = (pi - gamma, -gamma * u / sigma, gamma * (1.0 - u ** 2))
    return np.hstack(blocks) / len(raw)
