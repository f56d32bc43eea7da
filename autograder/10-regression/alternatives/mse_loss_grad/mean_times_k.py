"""np.mean over every entry times the number of outputs (the same value)."""

import numpy as np


def mse_loss_grad(y, t):
    k = y.shape[1]
    loss = k * np.mean((y - t) ** 2)
    grad = 2 * (y - t) / y.shape[0]
    return float(loss), grad
