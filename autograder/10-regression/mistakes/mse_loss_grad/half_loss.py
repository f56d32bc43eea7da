"""Keeps the 1/2 of lesson 04 in the loss (and its gradient)."""

import numpy as np


def mse_loss_grad(y, t):
    n = y.shape[0]
    return float(0.5 * np.sum((y - t) ** 2) / n), (y - t) / n
