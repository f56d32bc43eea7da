"""Differentiates with respect to t instead of y."""

import numpy as np


def mse_loss_grad(y, t):
    n = y.shape[0]
    return float(np.sum((y - t) ** 2) / n), 2 * (t - y) / n
