"""Sums the products over the batch axis instead of the feature axis."""

import numpy as np


def neuron_forward(X, w, b):
    z = np.sum(X * w, axis=0) + b
    return z, np.where(z >= 0, 1.0, 0.0)
