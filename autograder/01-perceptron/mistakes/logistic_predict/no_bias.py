"""Forgets the bias."""

import numpy as np


def logistic_predict(X, w, b):
    return 1.0 / (1.0 + np.exp(-(X @ w)))
