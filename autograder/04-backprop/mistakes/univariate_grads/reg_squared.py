"""Differentiates lam/2 w^2 as lam * w^2 / 2 (keeps the square)."""

import numpy as np


def univariate_grads(w, b, x, t, lam):
    y = sigmoid(w * x + b)
    z_bar = (y - t) * y * (1 - y)
    return float(np.mean(z_bar * x) + 0.5 * lam * w ** 2), float(np.mean(z_bar))
