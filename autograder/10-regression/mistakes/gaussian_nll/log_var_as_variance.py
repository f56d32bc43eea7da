"""Treats log_var as the variance itself (not constrained positive: log of a negative number)."""

import numpy as np


def gaussian_nll(mu, log_var, t):
    n = mu.shape[0]
    var = log_var
    r = t - mu
    loss = 0.5 * np.sum(np.log(2 * np.pi) + np.log(var) + r ** 2 / var) / n
    return float(loss), -r / var / n, 0.5 * (1 / var - r ** 2 / var ** 2) / n
