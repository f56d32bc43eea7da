"""Drops the 2 of the derivative (the 1/2 convention's gradient with the plain loss)."""

import numpy as np


def mse_loss_grad(y, t):
    n = y.shape[0]
    return float(np.sum((y - t) ** 2) / n), (y - t) / n
