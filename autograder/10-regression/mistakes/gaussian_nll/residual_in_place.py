"""Computes the residual into the caller's targets: t -= mu."""

import numpy as np


def gaussian_nll(mu, log_var, t):
    n = mu.shape[0]
    t -= mu                     # the residual, written over the caller's t
    inv_var = np.exp(-log_var)
    q = t ** 2 * inv_var
    loss = 0.5 * np.sum(np.log(2 * np.pi) + log_var + q) / n
    return float(loss), -t * inv_var / n, 0.5 * (1.0 - q) / n
