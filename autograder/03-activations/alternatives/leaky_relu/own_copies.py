"""Scales the negative entries in place, in its own float copy of z."""

import numpy as np


def leaky_relu(z, alpha=0.01):
    out = np.array(z, dtype=float)
    out[out <= 0] *= alpha
    return out


def leaky_relu_prime(z, alpha=0.01):
    out = np.full(np.shape(z), float(alpha))
    out[np.asarray(z) > 0] = 1.0
    return out
