"""A sum over the batch: loss and gradient N times too large."""

import numpy as np


def mse_loss_grad(y, t):
    return float(np.sum((y - t) ** 2)), 2 * (y - t)
