"""Returns the derivative with respect to the variance exp(s) instead of s."""

import numpy as np


def gaussian_nll(mu, log_var, t):
    n = mu.shape[0]
    r = t - mu
    var = np.exp(log_var)
    loss = 0.5 * np.sum(np.log(2 * np.pi) + log_var + r ** 2 / var) / n
    return float(loss), -r / var / n, 0.5 * (1 / var - r ** 2 / var ** 2) / n
