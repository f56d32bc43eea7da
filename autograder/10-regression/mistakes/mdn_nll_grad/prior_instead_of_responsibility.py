"""Uses the weights pi where the responsibilities gamma belong."""

import numpy as np


def mdn_nll_grad(raw, t, k):
    n = raw.shape[0]
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    zm = z.max(axis=1, keepdims=True)
    log_pi = z - zm - np.log(np.exp(z - zm).sum(axis=1, keepdims=True))
    pi = np.exp(log_pi)
    u = (t - m) * np.exp(-a)
    return np.concatenate([pi - pi, -pi * u * np.exp(-a), pi * (1 - u ** 2)], axis=1) / n
