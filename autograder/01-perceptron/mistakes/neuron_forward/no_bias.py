"""Forgets the bias in the weighted sum."""

import numpy as np


def neuron_forward(X, w, b):
    z = X @ w
    return z, np.where(z >= 0, 1.0, 0.0)
