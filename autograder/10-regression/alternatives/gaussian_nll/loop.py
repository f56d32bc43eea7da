"""A loop over the examples, accumulating the loss; gradients entry by entry."""

import math

import numpy as np


def gaussian_nll(mu, log_var, t):
    n, k = mu.shape
    loss = 0.0
    dmu = np.zeros_like(mu)
    ds = np.zeros_like(mu)
    for i in range(n):
        for j in range(k):
            r = t[i, j] - mu[i, j]
            w = math.exp(-log_var[i, j])
            loss += 0.5 * (math.log(2 * math.pi) + log_var[i, j] + r * r * w)
            dmu[i, j] = -r * w / n
            ds[i, j] = 0.5 * (1 - r * r * w) / n
    return loss / n, dmu, ds
