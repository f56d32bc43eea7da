"""sum_k pi_k log N_k: the log moved inside the sum."""

import numpy as np


def mdn_nll(raw, t, k):
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    pi = e / e.sum(axis=1, keepdims=True)
    log_n = -0.5 * np.log(2 * np.pi) - a - 0.5 * ((t - m) * np.exp(-a)) ** 2
    return float(-np.mean(np.sum(pi * log_n, axis=1)))
