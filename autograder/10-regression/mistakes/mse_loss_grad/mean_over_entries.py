"""np.mean over all N * K entries, for the loss and the gradient."""

import numpy as np


def mse_loss_grad(y, t):
    return float(np.mean((y - t) ** 2)), 2 * (y - t) / y.size
