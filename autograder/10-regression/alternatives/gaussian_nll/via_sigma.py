"""Through sigma = exp(s / 2): log sigma**2 is s, and the chain rule gives the same gradients."""

import numpy as np


def gaussian_nll(mu, log_var, t):
    n = len(mu)
    sigma = np.exp(0.5 * log_var)
    z = (t - mu) / sigma
    loss = np.sum(0.5 * np.log(2 * np.pi) + 0.5 * log_var + 0.5 * z ** 2) / n
    dmu = -z / sigma / n
    dlog_var = 0.5 * (1 - z ** 2) / n
    return float(loss), dmu, dlog_var
