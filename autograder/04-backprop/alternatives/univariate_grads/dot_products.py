"""Vectorised with dot products and a tanh-based sigmoid."""

import numpy as np


def univariate_grads(w, b, x, t, lam):
    y = 0.5 * (1.0 + np.tanh(0.5 * (w * x + b)))
    z_bar = (y - t) * y * (1.0 - y)
    return [z_bar @ x / x.size + lam * w, z_bar.sum() / x.size]
