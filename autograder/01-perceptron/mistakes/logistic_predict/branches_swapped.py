"""Puts the two stable forms on the wrong sides of 0."""

import numpy as np


def logistic_predict(X, w, b):
    z = X @ w + b
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
