"""Weights the caller's X in place (X *= w) and sums the rows, so X changes."""

import numpy as np


def logistic_predict(X, w, b):
    X *= w
    z = X.sum(axis=1) + b
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
