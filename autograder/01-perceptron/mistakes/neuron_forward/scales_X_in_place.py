"""Multiplies the caller's X by w in place, then sums the rows."""

import numpy as np


def neuron_forward(X, w, b):
    X *= w
    z = X.sum(axis=1) + b
    return z, np.where(z >= 0, 1.0, 0.0)
