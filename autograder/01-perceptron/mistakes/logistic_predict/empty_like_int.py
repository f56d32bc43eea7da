"""Fills the two stable forms into np.empty_like(z): for integer X, w and b that array holds ints, so 0.73 becomes 0."""

import numpy as np


def logistic_predict(X, w, b):
    z = X @ w + b
    y = np.empty_like(z)
    e = np.exp(-np.abs(z))
    y[z >= 0] = (1.0 / (1.0 + e))[z >= 0]
    y[z < 0] = (e / (1.0 + e))[z < 0]
    return y
