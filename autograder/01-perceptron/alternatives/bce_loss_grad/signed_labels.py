"""Labels s = 2t - 1 in {-1, +1} (a new array): loss = mean log(1 + exp(-s z)), dL/dz = -s sigma(-s z) = y - t."""

import numpy as np


def bce_loss_grad(X, t, w, b):
    s = 2.0 * t - 1.0
    z = X @ w + b
    loss = np.mean(np.logaddexp(0.0, -s * z))
    g = -s * np.exp(-np.logaddexp(0.0, s * z))
    return float(loss), X.T @ g / len(z), float(np.mean(g))
