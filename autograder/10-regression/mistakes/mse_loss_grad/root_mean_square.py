"""Returns the root of the mean squared error."""

import numpy as np


def mse_loss_grad(y, t):
    n = y.shape[0]
    return float(np.sqrt(np.sum((y - t) ** 2) / n)), 2 * (y - t) / n
