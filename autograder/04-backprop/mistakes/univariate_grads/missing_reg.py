"""Forgets the lam * w term of the regulariser in dw."""

import numpy as np


def univariate_grads(w, b, x, t, lam):
    y = sigmoid(w * x + b)
    z_bar = (y - t) * y * (1 - y)
    return float(np.mean(z_bar * x)), float(np.mean(z_bar))
