"""Takes the derivative of alpha z to be alpha z instead of alpha."""

import numpy as np


def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z, alpha=0.01):
    return np.where(z > 0, 1.0, alpha * z)
