"""The slope 1 for z >= 0: at the kink z = 0 the derivative is 1 instead of alpha."""

import numpy as np


def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z, alpha=0.01):
    return np.where(z >= 0, 1.0, alpha)
