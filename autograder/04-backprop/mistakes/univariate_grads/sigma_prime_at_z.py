"""Takes the sigmoid derivative as z (1 - z) instead of y (1 - y)."""

import numpy as np


def univariate_grads(w, b, x, t, lam):
    z = w * x + b
    y = sigmoid(z)
    z_bar = (y - t) * z * (1 - z)
    return float(np.mean(z_bar * x) + lam * w), float(np.mean(z_bar))
