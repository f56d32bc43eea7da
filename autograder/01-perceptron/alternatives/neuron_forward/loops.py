"""Weighted sums with explicit loops over examples and features; the step with an if."""

import numpy as np


def neuron_forward(X, w, b):
    n, d = X.shape
    z = np.zeros(n)
    y = np.zeros(n)
    for i in range(n):
        total = b
        for j in range(d):
            total += w[j] * X[i, j]
        z[i] = total
        if total >= 0:
            y[i] = 1.0
    return z, y
