"""Adds the bias in place: fails when X and w are integer arrays (an int z cannot take a float b)."""

import numpy as np


def neuron_forward(X, w, b):
    z = X @ w
    z += b
    return z, np.where(z >= 0, 1.0, 0.0)
