"""Leaves the 1/N of the batch mean out of the gradient."""

import numpy as np


def mse_loss_grad(y, t):
    n = y.shape[0]
    return float(np.sum((y - t) ** 2) / n), 2 * (y - t)
