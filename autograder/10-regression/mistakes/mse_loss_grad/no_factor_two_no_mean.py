"""Neither the 2 nor the 1/N in the gradient."""

import numpy as np


def mse_loss_grad(y, t):
    n = y.shape[0]
    return float(np.sum((y - t) ** 2) / n), y - t
