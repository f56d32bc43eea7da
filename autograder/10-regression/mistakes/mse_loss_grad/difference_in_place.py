"""Turns the caller's predictions into the residuals in place: y -= t."""

import numpy as np


def mse_loss_grad(y, t):
    n = y.shape[0]
    y -= t                      # y now holds y - t, and so does the caller's array
    return float(np.sum(y ** 2) / n), 2.0 * y / n
