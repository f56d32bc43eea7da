"""Uses t - y as the error signal of y, so the gradient points uphill."""

import numpy as np


def univariate_grads(w, b, x, t, lam):
    y = sigmoid(w * x + b)
    z_bar = (t - y) * y * (1 - y)
    return float(np.mean(z_bar * x) + lam * w), float(np.mean(z_bar))
