"""Returns the per-example gradients as arrays instead of their mean."""

import numpy as np


def univariate_grads(w, b, x, t, lam):
    y = sigmoid(w * x + b)
    z_bar = (y - t) * y * (1 - y)
    return z_bar * x + lam * w, z_bar
