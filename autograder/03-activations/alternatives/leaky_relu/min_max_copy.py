"""max(0, z) + alpha min(0, z), and a derivative written into a copy with a mask."""

import numpy as np


def leaky_relu(z, alpha=0.01):
    return np.maximum(0, z) + alpha * np.minimum(0, z)


def leaky_relu_prime(z, alpha=0.01):
    d = np.ones(np.shape(z))
    d[np.asarray(z) <= 0] = alpha
    return d
