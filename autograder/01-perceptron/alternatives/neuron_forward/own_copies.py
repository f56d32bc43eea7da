"""Scales its own float copy of X in place and fills the step into a fresh array."""

import numpy as np


def neuron_forward(X, w, b):
    products = np.array(X, dtype=float)
    products *= w
    z = products.sum(axis=1) + b
    y = np.zeros(z.shape)
    y[z >= 0] = 1.0
    return z, y
