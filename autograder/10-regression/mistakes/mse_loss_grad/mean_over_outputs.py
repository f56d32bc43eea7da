"""Mean over the outputs of each example, then over the batch, with the gradient to match."""

import numpy as np


def mse_loss_grad(y, t):
    n, k = y.shape
    return float(np.mean(np.mean((y - t) ** 2, axis=1))), 2 * (y - t) / (n * k)
