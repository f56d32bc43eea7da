"""Clips z to [-10, 10] against overflow, which changes sigma for |z| > 10 (sigma(-10) is 4.5e-5, not ~0)."""

import numpy as np


def logistic_predict(X, w, b):
    z = np.clip(X @ w + b, -10.0, 10.0)
    return 1.0 / (1.0 + np.exp(-z))
